import { describe, expect, it } from 'vitest';
import { createClassifier } from '#shared/classifier/index.ts';
import type { UrgentCue } from '#shared/domain/classification.ts';

/** What a shop owner reads in small-business feedback, kind by kind (issue #15). */
const classifier = createClassifier();
const classify = (text: string, subject?: string) => classifier.classify(text, subject === undefined ? { channel: 'survey' } : { channel: 'email', subject });

describe('classifier: email subjects are judged with the new text', () => {
  it('reads a complaint in the subject over a calm body', () => {
    const body = 'Hello, the invoice for the kitchen tiling came to £940. Could you have a look when you get a chance?';
    expect(classify(body)).toMatchObject({ complaint: false });
    expect(classify(body, 'Charged twice for the tiles')).toMatchObject({ sentiment: 'negative', complaint: true });
    expect(classify('Any update please? Order 5512.', 'Parcel never arrived')).toMatchObject({ sentiment: 'negative', complaint: true });
  });

  it('weighs a reply subject less than the new text', () => {
    // The old problem is in the thread's subject; the new text says it is fixed.
    expect(classify('The new one came this morning and works perfectly, thank you so much!', 'Re: Kettle stopped working after a week')).toMatchObject({
      sentiment: 'positive',
      complaint: false,
    });
    // The business's cheerful subject does not soften a complaint in the reply.
    expect(classify('Both mugs were chipped when I opened the box.', 'Re: Great news – your order is on its way!')).toMatchObject({ sentiment: 'negative', complaint: true });
  });

  it('takes urgency from a subject the customer wrote, not from a reply subject alone', () => {
    expect(classify('Please call me about last night.', 'My daughter was violently sick after your buffet')).toMatchObject({ urgent: true, cues: ['illness'] });
    expect(classify('Is Tuesday at 9 still fine for the visit?', 'Re: Gas safety certificate for 12 Elm Road')).toMatchObject({ urgent: false, complaint: false });
  });
});

describe('classifier: remedies asked for are complaints, however polite', () => {
  it.each([
    'Would it be possible to get a refund for the scarf? The dye ran on the first wash.',
    'Could you please adjust the bill, we were charged for three coffees and had two.',
    'Can you send a replacement? The lid does not close.',
    'I would appreciate an explanation of why my appointment was given to someone else.',
    "I'd like to return the boots, the sole came away after a fortnight.",
    'I think some compensation is fair after the heating was off for our whole stay.',
    'Honestly I feel misled, the "sea view" was a car park.',
    'Not what was advertised at all.',
    'Me gustaría que me devolvieran el dinero, el reloj no funciona.',
    'Je souhaiterais un remboursement, le colis est arrivé vide.',
    'Ich hätte gern mein Geld zurück, der Toaster ist nach zwei Tagen kaputt gegangen.',
  ])('%s', (text) => {
    expect(classify(text)).toMatchObject({ sentiment: 'negative', complaint: true, urgent: false });
  });

  it('does not read an exchange for a change of mind, or a refund already made, as a complaint', () => {
    expect(classify('Could I swap the mug for the blue one? Nothing wrong with it, I just changed my mind.').complaint).toBe(false);
    expect(classify('Refund came through this morning, thanks for sorting it so fast.').complaint).toBe(false);
  });
});

describe('classifier: broken claims', () => {
  it.each([
    'The listing said "brand new". It came with someone else\'s fingerprints all over the screen.',
    'Sold as dishwasher safe, the pattern washed off after two goes.',
    'They promised the cake would be ready by ten. We picked it up at half twelve.',
    "The so-called 'express' service took nine days.",
    'Supposedly the room was refurbished last year. The carpet says otherwise.',
  ])('%s', (text) => {
    expect(classify(text)).toMatchObject({ sentiment: 'negative', complaint: true });
  });

  it('does not read a claim that was kept as a complaint', () => {
    expect(classify('Everything was exactly as described, and it arrived early.').sentiment).not.toBe('negative');
  });
});

describe('classifier: ratings written as words', () => {
  it.each([
    ['2/5, the chips were cold.', 'negative', true],
    ['One star. Never again.', 'negative', true],
    ['I would give it no stars if I could.', 'negative', true],
    ['Zwei Sterne, das Essen war lauwarm.', 'negative', true],
    ['10/10 would recommend', 'positive', false],
    ['Five stars from the whole family!', 'positive', false],
    ['⭐⭐⭐⭐⭐', 'positive', false],
    ['Cinq étoiles, parfait.', 'positive', false],
  ] as const)('%s', (text, sentiment, complaint) => {
    expect(classify(text)).toMatchObject({ sentiment, complaint });
  });

  it('does not read a count or a compliment as a rating', () => {
    expect(classify('Nine out of ten people in our office now order from you!').sentiment).not.toBe('negative');
    expect(classify('Sam is a star, thank you for fitting me in.').sentiment).toBe('positive');
  });
});

describe('classifier: idioms', () => {
  it.each([
    'Honestly these cookies are to die for.',
    'Your staff never let us down, twelve years and counting.',
    'That new chilli burger slaps.',
    'Seriously addictive hot chocolate.',
    'Killer cocktails and a lovely terrace.',
    'The pizza was sick, we will be back next week.',
    'I could kill for one of your cinnamon rolls right now.',
    'Tony is a legend, fixed the leak in ten minutes.',
    'Sinfully good brownies.',
  ])('praise: %s', (text) => {
    expect(classify(text)).toMatchObject({ sentiment: 'positive', complaint: false, urgent: false });
  });

  it.each([
    'They had one job: spell my name right on the cake.',
    'The manager just shrugged and walked off.',
    "They don't even pretend to care.",
    'We walked out before the starters came.',
    'I have been fobbed off for a month.',
    'The receptionist rolled her eyes at my question.',
    'Felt like we were a nuisance from the moment we sat down.',
    'A proper cowboy job, the shelves are already coming away from the wall.',
  ])('complaint: %s', (text) => {
    expect(classify(text)).toMatchObject({ sentiment: 'negative', complaint: true });
  });
});

describe('classifier: alarm words in harmless use stay neither urgent nor negative', () => {
  it.each([
    'PRESS RELEASE: Maple Street Deli opens its second shop on Friday.',
    'The menu marks every allergen, which is brilliant for my son with a nut allergy.',
    'Hello, this is Carter & Lowe Solicitors, we would like a quote for cleaning our offices.',
    'My friend is a lawyer and she loved the cake.',
    'Visited after my mum came out of hospital, the staff were so kind to her.',
    'The sports injury clinic upstairs recommended your massages, fantastic.',
    'We got soaked on the kayak tour and loved every minute!',
    'Saw your feature in the Evening Standard, congratulations!',
  ])('%s', (text) => {
    const result = classify(text);
    expect(result.urgent, text).toBe(false);
    expect(result.sentiment, text).not.toBe('negative');
  });
});

describe('classifier: plain requests and courtesy are neutral', () => {
  it.each([
    'Could you send an invoice in the name of Hill Farm Ltd?',
    'Please note our new address: 4 Quarry Lane, Bath.',
    'What time do you open on Saturdays?',
    'We run a wedding blog and would love to feature you. Could we talk next week?',
    'Thanks, received.',
    'Kind regards,\nMartin',
    'Happy to go with the Tuesday slot.',
    'Merci, bien reçu.',
    'Vielen Dank, bis Dienstag.',
  ])('%s', (text) => {
    expect(classify(text)).toMatchObject({ sentiment: 'neutral', complaint: false, urgent: false });
  });
});

describe('classifier: urgent cues told without the obvious word', () => {
  it.each([
    ['The girl on the till coughed all over the pastries.', 'safety'],
    ['There was a dead fly in my salad.', 'safety'],
    ['We saw a mouse running under the benches in the café.', 'safety'],
    ['The handrail on your stairs is loose, I told the manager weeks ago. Somebody is going to fall.', 'safety'],
    ['The fire exit was blocked with crates all evening.', 'safety'],
    ['Within minutes my lips swelled up, I had said I was allergic to sesame.', 'illness'],
    ['We spent the night in A&E after the mussels.', 'illness'],
    ['The damp in the flat has given my baby a chest infection.', 'illness'],
    ['The doorman mocked my stammer in front of my friends.', 'discrimination'],
    ['They told us to sit at the back because of my wheelchair.', 'discrimination'],
    ["I'm a reporter at the Herald and would like your comment on a customer's complaint.", 'press'],
    ['I have reported the kitchen to environmental health.', 'legal'],
    ['Your decorator spilt paint all over my carpet and walked off.', 'legal'],
    ['I slipped on the wet tiles by your entrance and cracked my elbow.', 'injury'],
    ['The groomer cut my dog\'s ear and he needed stitches.', 'injury'],
    ['You charged me for a filter you never replaced.', 'fraud'],
    ['Your email showed me another customer\'s name and home address.', 'data-leak'],
    ['Un camarero estornudó encima de la comida.', 'safety'],
    ["J'ai glissé sur le sol mouillé et je me suis cassé le bras.", 'injury'],
    ['Nach dem Essen hatten wir alle Durchfall.', 'illness'],
  ] as const)('%s', (text, cue) => {
    const result = classify(text);
    expect(result.urgent, text).toBe(true);
    expect(result.cues, text).toContain(cue as UrgentCue);
    expect(result).toMatchObject({ sentiment: 'negative', complaint: true });
  });
});

describe('classifier: mild disappointment and farewells', () => {
  it.each(['Meh. It was fine, nothing special.', 'Not the same since they changed the menu.', 'Expected a bit more for the price.', 'Bof, sans plus.', 'Naja, ganz ok.'])(
    'mild: %s is negative but not a complaint',
    (text) => {
      expect(classify(text)).toMatchObject({ sentiment: 'negative', complaint: false });
    },
  );

  it.each(["So sorry to hear you're closing, we'll miss your Sunday roasts.", 'Sad to see you go, best of luck with the move!', 'Qué pena que cerréis, os vamos a echar de menos.'])(
    'farewell: %s is neither negative nor a complaint',
    (text) => {
      const result = classify(text);
      expect(result.sentiment, text).not.toBe('negative');
      expect(result.complaint, text).toBe(false);
    },
  );
});
