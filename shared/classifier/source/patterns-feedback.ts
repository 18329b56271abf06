import type { ComplaintPattern } from '#shared/classifier/patterns.ts';

/**
 * English patterns for what a shop owner reads as a complaint (or not) that word lexicons miss:
 * remedies asked for, broken claims, plain facts of poor service, idioms of complaint and praise,
 * mild disappointment and farewells. Written by the Earshot team; folded text (see `fold`).
 * `triggers` lists words one of which every match contains (see TriggerIndex in patterns.ts).
 */
export const FEEDBACK_PATTERNS_EN: Array<ComplaintPattern & { triggers: string }> = [
  // Remedies asked for: refund, replacement, adjustment, explanation, compensation.
  {
    id: 'remedy',
    valence: -2.2,
    pattern:
      /\b(?:(?:a|my|the|full|partial|your|our) refund|refund (?:me|my|the|us|for|of|it|this|that|them)|refunded for|money (?:will be |to be |is )?back|(?:give|send|pay|get|have|want|need|expect)[\w' -]{0,24}? (?:reimbursed|refunded|compensated)|reimburs\w*|compensat(?:e|ion)|goodwill|credit (?:my|our|the) (?:account|card)|(?:a|an) (?:replacement|exchange|credit note)|(?:replace|swap|exchange) (?:it|them|this|these)\b|replacement (?:please|asap|sent|by)|(?:like|want|need|going|have) to (?:return|send (?:it |them |this |these )?back|swap|exchange)|(?:i'?m|we'?re|i am|we are|i will be|we will be) (?:returning|sending (?:it|this|them|these|the \w+) back)|take (?:it|that|this|them) off|adjust(?:ed|ment)?[\w' -]{0,36}? (?:bill|invoice|charge|price|account|total)|(?:bill|invoice|charge|price|total) [\w' -]{0,16}?\badjusted|revers(?:e|ed|al) (?:of )?(?:it|one|the|this|that|them|a|payment|charge)|be reversed|explain (?:why|how come)|(?:an|some|no) explanation|(?:i'?m|we'?re|i am|we are) owed|cover (?:the|my|our) (?:cost|fee|bill|difference|postage|costs)|(?:the|my|our) difference back|(?:want|need|expect|demand|like|get) (?:my|our|the) (?:money|cash|deposit|£ ?\d+|€ ?\d+|\$ ?\d+|\d+ (?:pounds|euros|dollars)) back|put (?:it|this|things) right|make (?:it|this|things) right|sort (?:it|this) out)\b/,
    unless:
      /\b(?:nothing wrong with|no fault|not faulty|isn'?t faulty|just (?:prefer|changed|don'?t (?:like|need|want))|changed my mind|change of mind|no longer (?:need|want)|(?:bought|ordered|picked|chose) the wrong|my (?:own )?(?:mistake|fault|error)|doesn'?t suit (?:me|my|her|him)|(?:was|were|been|got|get) refunded (?:quickly|promptly|straight away|immediately|within|in full)|refund (?:came|arrived|went) through)\b/,
    triggers:
      'refund* money reimburs* compensat* goodwill credit replacement exchange replace swap return returning sending send take adjust* reverse reversed reversal explain explanation owed cover difference back right sort',
  },
  {
    id: 'misled',
    valence: -2.4,
    pattern:
      /\b(?:feel|felt|feeling|been|was|were|being|get|got) (?:a bit |rather |quite |very |so |completely |totally |a little |really )?(?:misled|mislead|cheated|conned|ripped off|deceived|duped|short-?changed|hoodwinked|lied to)\b|\bnot (?:what|as) (?:was |it was |they |you )?(?:advertised|described|pictured|shown|promised|stated|listed)\b|\bnothing like (?:the|your|its|it'?s|in the|on the|on your) [\w' -]{0,16}?\b(?:photos?|pictures?|description|listing|advert|ad|website|chart|image|images|brochure|menu)\b|\b(?:different|differs?) [\w' -]{0,24}?\b(?:from|to|than) (?:the|your) (?:photos?|pictures?|description|listing|advert|website|images?)\b/,
    triggers: 'misled mislead cheated conned ripped deceived duped short-changed shortchanged hoodwinked lied advertised described pictured shown promised stated listed nothing different differs differ',
  },
  // Broken claims: what was said, promised or advertised.
  {
    id: 'claim',
    valence: -2,
    statement: true,
    unless: /\b(?:everything|exactly|just|as|like|what) (?:the|it|they|you|he|she) [\w' -]{0,16}?\b(?:said|says|promised|claimed|described|advertised)\b|\bas (?:described|advertised|promised|pictured|shown|stated)\b|\bdoes what it says\b|\blived up to\b/,
    pattern:
      /\b(?:advertised|sold|described|listed|marketed|labell?ed|billed|branded|stated) as\b|\b(?:website|site|listing|description|advert|advertisement|ad|brochure|menu|label|packaging|box|product page|photos?|pictures?|leaflet|flyer|quote|guarantee|warranty|offer|terms|blurb|specs?|instructions) (?:clearly |specifically |explicitly )?(?:said|says|claimed|claims|promised|promises|showed|shows|stated|states|mentioned|guaranteed|guarantees|advertised|advertises)\b|\b(?:you|they|he|she|it|the [\w' -]{0,16}?\b(?:staff|manager|owner|salesman|salesperson|seller|agent|rep|driver|engineer|fitter|technician|waiter|waitress|receptionist|builder|plumber|electrician)) (?:clearly |specifically |explicitly )?(?:said|says|promised|promises|claimed|claims|assured (?:me|us)|guaranteed|told (?:me|us)) (?:it|they|the|there|we|i|this|that|you|our|my|it'?d|they'?d|he'?d|she'?d|we'?d)\b|\b(?:i|we) (?:was|were|had been|have been) (?:promised|assured|guaranteed)\b|\bpromised (?:me|us|a|an|that|to|it|next|same|free|delivery|faithfully)\b|\b(?:was|were|had been) (?:supposed|meant) to (?:be|have|arrive|come|include|last|take|fit|get|turn up|call)\b|\bso-called\b|\bsupposedly\b|\ballegedly\b|\bclaims? to (?:be|have|offer|last|fit)\b|\bquoted [\w' -]{0,16}?\b(?:days?|weeks?|hours?|months?|minutes)\b|\b(?:it'?s|it is|today is|and it'?s) now (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/,
    triggers:
      'advertised sold described listed marketed labelled labeled billed branded said says claimed claims promised promises showed shows stated states mentioned guaranteed guarantees advertises assured told supposed meant so-called supposedly allegedly claim quoted now',
  },
  {
    // A quoted claim brushed aside ("'Ready in 15 minutes' they said", "'Handmade locally', apparently").
    id: 'claim-said',
    valence: -2,
    statement: true,
    pattern: /["'][a-z][a-z0-9 &,-]{1,40}["'],? (?:they said|he said|she said|you said|apparently|my foot|indeed|they say|they claim|you claim|it said|it says)\b/,
    triggers: 'said apparently foot indeed say claim says',
  },
  {
    // Scare quotes ("the 'deep clean'", "'Waterproof' jacket"): a hint, as quotes also name things.
    id: 'scare-quote',
    effect: 'hint',
    valence: -1.2,
    statement: true,
    pattern: /(?<=\b(?:the|a|an|my|our|your|this|these|their|those|that|of|so-called|called) |^|[.!?:;] )["'][a-z][a-z0-9& -]{0,30}["'] [a-z]/,
    triggers: '#always',
  },
  // Plain facts of poor service.
  {
    id: 'no-show',
    valence: -2.2,
    pattern:
      /\b(?:turned|showed|rolled) up (?:at \d|after|late|\w+ hours? late|hours late|the next day|a day late|without|with no|two hours|three hours|an hour|\d+ (?:hours?|minutes|mins|days?) late)|\bwithout (?:calling|ringing|warning|telling (?:us|me|anyone)|notice|an apology|apologi[sz]ing|a word|so much as|letting (?:us|me) know)|\bno-?show\b/,
    triggers: 'turned showed rolled without no-show noshow show',
  },
  {
    id: 'no-show',
    valence: -2.2,
    pattern: /\b(?:didn'?t|did not|never|nobody|no one|failed to) [\w' -]{0,16}?\b(?:turn(?:ed)? up|show(?:ed)? up|come back|came back|get back to (?:me|us)|call(?:ed)? (?:back|me|us)|ring (?:back|me|us)|bother(?:ed)? to|apologi[sz]ed?)\b/,
    triggers: "didn't didnt did never nobody one failed & turn turned show showed come came get call called ring bother bothered apologise apologize apologised apologized",
  },
  {
    id: 'not-done',
    valence: -2,
    pattern:
      /\b(?:hadn'?t|had not|hasn'?t|has not|haven'?t|have not|wasn'?t|was not|weren'?t|were not|never) (?:been |even been |ever been )?(?:cleaned|hoovered|vacuumed|serviced|fixed|repaired|emptied|restocked|finished|completed|made up|refunded|processed|dispatched|posted|shipped|fitted|installed|collected|picked up|mentioned|explained|honou?red|applied|actioned|sorted|answered)\b/,
    triggers: 'cleaned hoovered vacuumed serviced fixed repaired emptied restocked finished completed made refunded processed dispatched posted shipped fitted installed collected picked mentioned explained honoured honored applied actioned sorted answered',
  },
  {
    id: 'nobody',
    valence: -2.2,
    pattern:
      /\b(?:nobody|no one|no-one|none of the staff|not one (?:person|member of staff)) (?:has |had |have |even |ever )?(?:told|mentioned|warned|explained|informed|apologi[sz]ed|bothered|checked|asked|noticed|offered|came|turned up|showed up|takes? responsibility|took responsibility|owns|cared|called|rang|replied|answered|got back|seemed (?:bothered|to care|interested)|batted an eye(?:lid)?)\b|\b(?:weren'?t|wasn'?t|were not|was not|never) (?:told|warned|informed|offered|asked|given (?:a|an|any))\b|\b(?:nobody|no one|no-one)\b[\w' -]{0,60}? (?:will|would|can|could|is going to|wants to|seems to|bothers to|is willing to|has bothered to) (?:answer|reply|respond|help|call|ring|pick up|get back|listen|tell|explain|fix|come)\b/,
    triggers: 'nobody one no-one none told warned informed offered asked given',
  },
  {
    id: 'attention',
    valence: -2.2,
    pattern:
      /\b(?:was|were|spent|been|sat|stayed|kept|busy|glued|scrolling|chatting|playing)\b[^.!?]{0,30}\bon (?:her|his|their) phones?\b|\bchatting (?:among|amongst|to|with) (?:themselves|each other|their (?:friends|mates|colleagues))\b|\bdifferent (?:answers|stories|excuses|prices|quotes|explanations|information)\b|\bcontradict\w*/,
    triggers: 'phone phones chatting different contradict*',
  },
  {
    id: 'taste',
    valence: -2.2,
    pattern:
      /\brock hard\b|\bhard as (?:a )?(?:rocks?|nails|concrete|bricks?)\b|\btast(?:ed|es|e|ing) (?:of|like) (?:the fridge|fridge|cardboard|soap|bleach|plastic|chemicals|nothing|a tin|tin|metal|dishwater|mud|old oil|feet|sweat|smoke|chlorine|mould|mold|sawdust|rubber|washing up liquid|it (?:had|was|came))\b|\b(?:came|come|straight) out of a (?:tin|packet|jar|microwave|freezer)\b|\b(?:microwaved|reheated)\b|\b(?:tough|chewy|dry) as (?:old )?(?:boots?|leather|cardboard|a bone|sawdust)\b/,
    triggers: 'rock hard taste tasted tastes tasting came come straight microwaved reheated tough chewy dry',
  },
  {
    id: 'again-fault',
    valence: -2,
    pattern:
      /\b(?:dripping|leaking|broken|blocked|faulty|stopped|failed|playing up|acting up|cracking|peeling|lifting|flaking|coming off|falling off|fraying|fading|rusting|wobbl\w*|squeak\w*|rattl\w*|tripping|flickering|cutting out|happening) (?:again|already)\b|\b(?:leak|leaking|mou?ld|problem|fault|issue|damp|stain|smell|noise|crack|rattle|squeak|drip|error) (?:is|has come|came|has|are|have|'s) (?:come )?back\b|\balready (?:cracking|cracked|peeling|lifting|broken|falling apart|coming (?:off|apart|loose|away)|fraying|frayed|faded|fading|leaking|rusting|rusty|wobbly|wobbling|split|torn|ripped|worn|stained|bobbling|dead)\b|\b(?:my|our|this is (?:my|our|the)|the) (?:second|third|fourth|fifth|2nd|3rd|4th|5th|umpteenth|nth) (?:email|e-?mail|message|call|phone call|attempt|request|chase|chaser|follow-?up|letter|visit about|complaint)\b|\b(?:chasing|chased) (?:this|it|you|them|up|for)\b/,
    triggers: 'again already back second third fourth fifth 2nd 3rd 4th 5th umpteenth nth chasing chased',
  },
  {
    id: 'damaged',
    valence: -2.2,
    pattern:
      /\b(?:caved|smashed|crushed|shattered|snapped|split|burst|cracked|dented|torn|ripped|bent|squashed|leaked|leaking) (?:in|open|right across|across|all over|in two|in half|through)\b|\bin (?:pieces|bits|shards|smithereens)\b|\b(?:arrived|came|turned up|delivered|showed up|received it) [\w' -]{0,24}?\b(?:with|without|missing)(?: (?:a|an|the|one|two|its|their|some|half))? [\w' -]{0,24}?\b(?:tear|hole|crack|dent|scratch|chip|stain|mark|split|broken|cracked|shattered|smashed|missing|damaged|dented|torn|ripped|bent|leak|caved in)\b/,
    triggers: 'caved smashed crushed shattered snapped split burst cracked dented torn ripped bent squashed leaked leaking pieces bits shards smithereens arrived came turned delivered showed received',
  },
  {
    id: 'incomplete',
    valence: -2.2,
    pattern:
      /\b(?:wasn'?t|weren'?t|was not|were not|isn'?t|aren'?t) (?:in|inside|included in|in with) (?:the )?(?:box|bag|package|parcel|order|delivery|kit|pack)\b|\bonly (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|half) (?:of|out of) (?:the |my |our )?(?:\d+|twelve|ten|six|eight|twenty|dozen)\b|\b(?:left|missed) out (?:of|from) (?:the|my|our) (?:order|box|bag|delivery)\b/,
    triggers: 'box bag package parcel order delivery kit pack only left missed',
  },
  {
    id: 'booking',
    valence: -2.4,
    pattern:
      /\bgiven (?:our|my) (?:table|room|slot|appointment|seat|spot) (?:away|to)\b|\bdouble[- ]booked\b|\bno record of (?:our|my|the|us|me)\b|\b(?:never|hadn'?t|had not) heard of (?:us|me|our|my|the booking|the order)\b|\b(?:lost|forgot|forgotten|misplaced|deleted) (?:our|my) (?:booking|reservation|order|appointment|details|deposit)\b|\b(?:with|on) (?:only |just )?(?:ten|five|\d+|a few) (?:minutes|hours?|days?)'? notice\b|\b(?:an hour|a day|hours|minutes|the night|the day) before (?:the|our|my) (?:party|wedding|event|appointment|booking|birthday|funeral)\b/,
    triggers: 'table room booking reservation slot appointment seat pitch spot tables rooms bookings given double-booked double booked record heard lost forgot forgotten misplaced deleted moved changed downgraded cancelled canceled switched bumped notice party wedding event appointment birthday funeral',
  },
  // The same complaint in two more ways, each needing two words (so a text tries them only when it has both).
  {
    id: 'booking',
    valence: -2.4,
    pattern:
      /\b(?:table|room|booking|reservation|slot|appointment|seat|pitch|spot)s? (?:had been|has been|was|were|got) (?:given (?:away|to (?:someone|somebody|another))|cancell?ed|double[- ]booked|lost|forgotten|moved|downgraded)\b/,
    triggers: 'table room booking reservation slot appointment seat pitch spot tables rooms bookings reservations slots appointments seats pitchs spots & been was were got',
  },
  {
    id: 'booking',
    valence: -2.4,
    pattern: /\b(?:moved|changed|downgraded|cancell?ed|switched|bumped)\b[^.!?]{0,40}\bwithout (?:being asked|asking|telling|notice|warning|permission|consent|a word)\b/,
    triggers: 'moved changed downgraded cancelled canceled switched bumped & without',
  },
  {
    id: 'stuck',
    valence: -2,
    pattern:
      /\b(?:tracking|status|order|parcel|package|refund|claim|repair|ticket|case|application|it) (?:hasn'?t|has not|haven'?t|have not|not|still hasn'?t) (?:moved|updated|changed|budged|shifted|progressed|been updated)\b|\b(?:hasn'?t|has not|not) (?:moved|updated|budged) (?:since|for|in)\b|\bstill (?:stood|standing|sat|sitting|here|there|stuck|nothing|unpaid|unresolved|outstanding|not (?:fixed|sorted|resolved|here|done|finished)|dripping|leaking|smells?|waiting)\b/,
    triggers: 'moved updated changed budged shifted progressed still',
  },
  {
    id: 'money',
    valence: -2.4,
    pattern:
      /\b(?:added|charged|taken|applied|billed|debited|paid|appears|appeared|listed|showing|shows) [\w' -]{0,16}?\btwice\b|\btwo (?:identical|separate|duplicate) (?:payments|charges|transactions|debits|lines)\b|\bduplicate (?:payment|charge|transaction|debit)s?\b|\b(?:quote|quoted|estimate|estimated|agreed|advertised|price|deposit)\b[^.!?]{0,50}\bbut\b[^.!?]{0,70}\b(?:invoice|bill|charged|charge|total|came to|came through|billed|asked for|wanted)\b[^.!?]{0,30}(?:£|€|\$|\d|more|higher|extra|twice|double)|\b(?:quote|price|bill|invoice|total|cost) [\w' -]{0,16}?\b(?:doubled|tripled|went up|jumped|shot up|ballooned)\b|\b(?:higher|more) than (?:the )?(?:quote|quoted|estimate|agreed|advertised|on the menu|we were told|i was told)\b|\bcharged (?:me |us )?(?:the )?(?:adult|full|peak|wrong|higher|extra|double|for two|for three)\b|\b(?:£|€|\$) ?\d+(?:\.\d\d)? extra\b|\bextra (?:£|€|\$) ?\d+|\bdigits (?:were |had been )?(?:swapped|switched|reversed)\b|\b(?:service charge|tip|vat|delivery charge|booking fee|surcharge|fee)s? (?:was |were |had been )?(?:added|charged|included) (?:twice|again|without)\b/,
    triggers: 'twice identical separate duplicate quote quoted estimate estimated agreed advertised price deposit doubled tripled jumped shot ballooned went menu told charged extra digits again without',
  },
  {
    id: 'noise',
    valence: -2,
    pattern:
      /\b(?:kept|keeping) (?:me|us|the kids|the baby|everyone) (?:awake|up)\b|\b(?:couldn'?t|could not|didn'?t|did not|unable to|no one could|nobody could) (?:get (?:any|to) )?sleep\b|\b(?:banged|banging|slammed|slamming|noise|noisy|music|shouting|drilling|hoovering|beeping|thumping|partying)\b[^.!?]{0,30}\ball (?:night|evening|morning)(?: long)?\b/,
    triggers: 'awake up sleep night evening morning',
  },
  {
    id: 'supplies',
    valence: -2,
    pattern:
      /\b(?:no|out of|empty|ran out of|run out of|without) (?:any )?(?:soap|paper towels?|hand towels?|toilet (?:paper|roll)|loo roll|clean towels|hot water|cutlery|napkins)\b|\b(?:bins?|toilets?|loos?) [\w' -]{0,16}?\b(?:overflowing|blocked|clogged|out of order)\b|\boverflowing\b/,
    triggers: 'soap paper towels towel toilet loo hot water cutlery napkins bin bins toilets loos overflowing',
  },
  {
    id: 'after-use',
    valence: -2.2,
    pattern:
      /\b(?:broke|broken|stopped|died|failed|leaked|collapsed|snapped|tore|ripped|split|cracked|faded|shrank|shrunk|bobbled|frayed|fell apart|came apart|came off|fell off|gave up|gave out|packed up|dead|flat)\b[^.!?]{0,30}\b(?:after|within) (?:just |only )?(?:one|a|two|three|four|five|\d+|a couple of|a few|the first) (?:use|uses|wear|wears|wash|washes|day|days|week|weeks|month|months|hours?|go|goes|outing|outings|ride|rides|charge|charges)\b|\b(?:flat|dead|empty|died|dies|gone|drained) (?:before|by) (?:lunch|lunchtime|midday|noon|the afternoon|the evening|the end of the day|teatime)\b|\bgot [\w' -]{0,16}?\b(?:soaked|drenched|soaking wet|wet through)\b/,
    triggers: 'after within lunch lunchtime midday noon afternoon evening end teatime soaked drenched soaking wet',
  },
  {
    id: 'product',
    valence: -2.2,
    pattern:
      /\b(?:breaks|broke|snaps|snapped|cracks|cracked|scratches|scratched|tears|tore|rips|ripped|falls apart|fell apart|smudges|stains|marks) (?:really |very |so |too |quite )?easily?\b|\bgets? [\w' -]{0,16}?\b(?:smudged|scratched|dirty|stained|damaged|marked|dented) (?:really |very |so |too |quite )?easily\b|\bonly (?:work|works|worked|play|plays|played|charge|charges|charged|comes? out|came out) (?:in|on|from|out of|with) (?:one|the left|the right|half)\b|\b(?:work(?:s|ed)?|last(?:s|ed)?) (?:for )?(?:about |only |just |maybe |around )?(?:a|one|two|three|four|\d+|a few|a couple of) (?:days?|weeks?|months?|uses?)\b[^.!?]{0,20}\b(?:then|before|and then|until)\b|\b(?:are|is|was|were) not included\b|\b(?:isn'?t|wasn'?t|weren'?t|aren'?t) included\b/,
    triggers: 'breaks broke snaps snapped cracks cracked scratches scratched tears tore rips ripped falls fell smudges stains marks easily easy only work works worked last lasts lasted included',
  },
  // Idioms of complaint: no sentiment word, but no owner misreads them.
  {
    id: 'rude',
    valence: -2.4,
    pattern:
      /\b(?:rolled (?:her|his|their) eyes|eye-?roll\w*|shrugg?(?:ed|ing|s)?|tutted|tutting|sighed (?:at|loudly|heavily)|snapped at (?:me|us)|talked (?:over|down to) (?:me|us)|spoke down to (?:me|us)|turned (?:her|his|their) back on (?:me|us)|walked off (?:mid|while|when)|pretended not to (?:see|hear|notice)|(?:didn'?t|did not|never|without) (?:even )?(?:look(?:ing)? up|look(?:ed)? at (?:me|us)|acknowledg\w* (?:me|us))|couldn'?t (?:care less|be bothered|have cared less)|could not (?:care less|be bothered)|(?:didn'?t|don'?t|doesn'?t|do not|did not) (?:even )?(?:pretend to |seem to |really )?care\b|(?:doesn'?t|don'?t|didn'?t) give a (?:damn|toss|monkey'?s|hoot|stuff))/,
    triggers: 'rolled eye-roll eyeroll eyerolling eyerolls shrugged shrugging shrug shrugs tutted tutting sighed snapped talked spoke turned walked pretended look looking looked acknowledge* care cared bothered give',
  },
  {
    id: 'let-down',
    valence: -2.4,
    pattern:
      /\bleft (?:me|us) (?:hanging|high and dry|in the lurch|stranded|waiting|out of pocket|in the dark)\b|\b(?:took|taken|take) (?:my|our|the) (?:money|deposit|cash|payment) and (?:ran|run|disappeared|vanished)\b|\b(?:fobbed|fob|brushed|palmed) (?:me |us )?off\b|\bgiven the run-?around\b|\bpillar to post\b|\bpass(?:ed|ing) the buck\b|\bwalked out\b|\bgot up and left\b|\bleft without (?:eating|ordering|being served|paying)\b|\b(?:had|have|has) (?:just |only )?one [\w' -]{0,16}?\bjob\b/,
    triggers: 'left took taken take fobbed fob brushed palmed run-around runaround run given pillar buck walked got job',
  },
  {
    id: 'cowboy',
    valence: -2.6,
    pattern:
      /\bcowboys?\b|\bbodge\w*|\bbotch\w*|\bamateur\w*|\bshambolic\b|\bshambles\b|\bfarce\b|\bclown (?:show|car)\b|\bmickey mouse\b|\bpiss-?up in a brewery\b|\bnot fit for purpose\b|\bdaylight robbery\b|\btaken for a (?:ride|mug|fool)\b|\bmugged off\b|\bjoke of a\b|\bbeyond a joke\b|\bthe last straw\b|\blick and a promise\b|\bbatt?(?:ed|ing)? an eye(?:lid)?\b|\b(?:dog|pig)'?s (?:dinner|breakfast|ear)\b/,
    triggers: 'cowboy cowboys bodge* botch* amateur* shambolic shambles farce clown mickey piss-up pissup brewery fit daylight taken mugged joke beyond straw lick bat batted batting eye eyelid dog dogs pig pigs',
  },
  {
    id: 'cowboy',
    valence: -2.6,
    pattern: /\b(?:zero|no|little|minimal) (?:effort|care|interest|communication|professionalism|customer service)\b/,
    triggers: 'zero no little minimal & effort care interest communication professionalism customer',
  },
  {
    id: 'unwelcome',
    valence: -2.4,
    pattern:
      /\b(?:like|as if|as though) (?:we|i) (?:were|was) (?:an? )?(?:inconvenience|nuisance|bother|burden|pest|intrusion)\b|\bdoing (?:you|us|me|them) a favou?r\b|\btreated [\w' -]{0,16}?\b(?:like|as) (?:dirt|rubbish|idiots?|criminals?|a thief|thieves|cattle|children|a number|second[- ]class|an idiot|muck|an inconvenience|a nuisance)\b|\bmade (?:me|us) feel (?:unwelcome|stupid|small|rushed|awkward|uncomfortable|a nuisance|an inconvenience|like (?:a|an) (?:nuisance|inconvenience|idiot|criminal|thief|burden|pest))\b|\b(?:felt|feel) (?:so |very |really |completely )?(?:unwelcome|rushed|ignored|invisible|unwanted|patroni[sz]ed|belittled|humiliated|judged|hurried)\b/,
    triggers: 'inconvenience nuisance bother burden pest intrusion favour favor treated made felt feel',
  },
  {
    id: 'prices',
    valence: -2,
    pattern: /\b(?:premium|silly|crazy|ridiculous|eye-?watering|extortionate|inflated|sky-?high|outrageous|insane) prices?\b|\bbargain[- ]basement\b|\bnot worth (?:the|that|\d|£|€|\$)/,
    triggers: 'premium silly crazy ridiculous eye-watering eyewatering watering extortionate inflated sky-high skyhigh outrageous insane bargain bargain-basement basement worth',
  },
  // Mild disappointment: negative, but not a complaint that pages the owner.
  {
    id: 'mild',
    effect: 'mild',
    valence: -1.2,
    pattern:
      /\bexpected [\w' -]{0,16}?\b(?:more|better)\b|\bhop(?:ed|ing) for (?:a (?:bit|little|lot) |something )?(?:more|better)\b|\bnot (?:quite )?the same (?:anymore|any more|since|as (?:it was|before|it used))\b|\b(?:isn'?t|wasn'?t|is not|was not|not) (?:quite )?(?:the same|what it (?:was|used to be)|as good as (?:it was|before|it used to be|last (?:time|year)|the old|they used to be|i remembered|i remember|we remembered))\b|\bnot the same (?:place|shop|cafe|restaurant|pub|bakery|salon|anymore)\b|\bunderwhelm(?:ing|ed)\b|\b(?<!work(?:s|ed|ing)? )(?:just|only|merely) (?:ok|okay|alright|average|so-so|mediocre|meh|passable|adequate)\b|\bnothing (?:special|to write home about|amazing|exciting|memorable|remarkable|spectacular|out of the ordinary)\b|\bworth the (?:hype|fuss)\b|\bwhat (?:all )?the fuss (?:is|was) about\b|\b(?:over-?hyped|overrated|over-?rated)\b|\b(?:didn'?t|did not|doesn'?t|does not|don'?t) (?:quite )?live up to\b|\b(?:wouldn'?t|would not|won'?t) (?:go|rush|hurry|travel|drive) (?:out of (?:my|our) way|back in a hurry)\b|\b(?:magic|spark|charm|buzz|sparkle|soul) (?:has |had |is |was )?(?:gone|faded|disappeared|lost|missing)\b|\bused to be (?:our|my) (?:go-to|favou?rite)\b|\bused to be (?:so much |much |far |a lot )?better\b|\b(?:a little|a bit|slightly|somewhat|mildly|bit|rather) disappoint(?:ed|ing)\b|\bmeh\b|\bhit (?:and|or) miss\b|\b(?:bit|a bit|little|a little|slightly) (?:bland|lacklustre|lackluster|samey|underwhelming|tired|dated)\b|\b(?:not|wasn'?t|isn'?t) (?:that|all that|particularly|especially) (?:special|impressive|memorable|exciting)\b|\bdidn'?t (?:really )?(?:wow|blow (?:me|us) away)\b|\b(?:i|we)'?ve had better\b|\bfell (?:a bit |a little |slightly )?(?:short|flat)\b|\blost (?:its|their) (?:way|touch|charm|spark|magic)\b/,
    triggers:
      'expected hoped hoping same what good underwhelming underwhelmed ok okay alright average so-so mediocre meh passable adequate nothing hype fuss overhyped over-hyped hyped overrated over-rated rated live way hurry magic spark charm buzz sparkle soul go-to favourite favorite used disappointed disappointing miss bland lacklustre lackluster samey tired dated special impressive memorable exciting wow blow ve fell lost',
  },
  // Farewells: sad that the business closes, not unhappy with it.
  {
    id: 'farewell',
    effect: 'farewell',
    valence: 1,
    pattern:
      /\b(?:sad|sorry|gutted|heartbroken|devastated|shame|pity|upset|shocked)\b[^.!?]{0,50}\b(?:clos(?:e|es|ed|ing|ure)|shut(?:ting)?(?: down)?|retir(?:e|es|ed|ing|ement)|leaving|moving (?:on|away|abroad)|last (?:day|week|month|orders|service)|sign in the window|for sale|selling up|see (?:you|them|her|him) go)\b|\b(?:will|'ll|gonna|going to|already|really|so|truly) miss (?:you|this place|the place|the shop|the cafe|your|coming|having|seeing|popping|our (?:saturday|sunday|weekly|morning|mornings|visits|chats|coffees?|trips?)|the (?:staff|team|food|coffee|cakes?|bread|chats|smiles))\b|\bend of an era\b|\b(?:good luck|best of luck|all the best|best wishes|wishing you (?:all )?the (?:very )?best) (?:with|in|for|on) (?:the|your|whatever|everything|what|retirement)\b|\b(?:enjoy (?:your|the) retirement|happy retirement)\b|\bwon'?t be the same without\b|\bheartbroken\b[^.!?]{0,60}\b(?:wishing|best|luck|thank)\b/,
    triggers: 'sad sorry gutted heartbroken devastated shame pity upset shocked miss end luck best wishing enjoy happy won\'t wont',
  },
  // Idioms of praise that use words of harm ("that burrito was sick", "this sauce is fire").
  {
    id: 'praise-slang',
    effect: 'praise',
    valence: 2.4,
    pattern:
      /\b(?:that|this|it|the)(?: (?!baby|child|kid|kids|boy|girl|dog|cat|son|daughter|husband|wife|man|woman|lady|guy|mum|dad|mother|father|friend|partner|family|whole|patient|people|customer|staff)[\w'-]+){0,2} (?:was|is|looks?|looked|sounds?|sounded) (?:so |proper |absolutely |pretty |bloody |well |dead |actually |literally )?(?:sick|fire|wicked)\b(?![- ](?:of|and|to|with|after|from|all|for|in|at|again|since|because|last|yesterday|today|this))|\bsick (?:tattoo|tat|ink|burger|burrito|pizza|set|view|views|car|design|trick|ride|fade|cut|beat|track|tune|tunes|place|spot|venue|food|vibes?|atmosphere|job|work|piece|fit|kicks|trainers|board|bike|shot|shots|photos?|menu|cocktails?|drinks?|coffee|wings)\b|\b(?:it'?s|its|pure|absolute|straight|literally) fire\b(?! (?:alarm|exit|door|hazard|brigade|escape|safety|extinguisher|risk|service|station|drill))/,
    triggers: 'sick fire wicked',
  },
  {
    id: 'praise-again',
    effect: 'praise',
    valence: 2.6,
    pattern: /\bwould (?:happily |gladly |definitely |totally |absolutely |100% )?(?:suffer|do it|do that|go through it|go|eat it|order it|order them|go back|come back|book|buy|recommend)(?: (?:it|them|here|there))? again\b/,
    triggers: 'would',
  },
  {
    id: 'praise-fix',
    effect: 'praise',
    valence: 2.4,
    pattern: /\b(?<!(?:never|not|hasn'?t|haven'?t|didn'?t|did not|couldn'?t|wasn'?t|to|cannot|can'?t|won'?t) )(?:fix(?:es|ed)?|solv(?:es|ed|e)|cured|sorted) (?:all |every one of )?(?:the |my |our |these |those )?(?:problems?|issues?)\b|\bno (?:more )?(?:problems?|issues?) (?:at all|since|whatsoever)\b/,
    triggers: 'fix fixes fixed solve solves solved cured sorted problem problems issue issues',
  },
  {
    id: 'praise-years',
    effect: 'praise',
    valence: 2.4,
    pattern: /\b(?:haven'?t|have not|hadn'?t|never|not) (?:laughed|smiled|enjoyed (?:myself|ourselves)|eaten (?:so|that|this) well|slept (?:so|that|this) well)(?: (?:that|so|this|as) (?:hard|much|well))? in (?:years|ages|a long time|forever)\b/,
    triggers: 'laughed smiled enjoyed eaten slept',
  },
];

/**
 * The same kinds for Spanish, French and German texts (tried on every text in those languages):
 * remedies, broken claims, plain facts, idioms of complaint, mild disappointment, farewells.
 */
export const FEEDBACK_PATTERNS_OTHER: ComplaintPattern[] = [
  // Spanish.
  {
    id: 'remedy',
    valence: -2.2,
    pattern:
      /\b(?:devuelv\w*|devolv\w*|devolucion (?:del|de mi) dinero|reembols\w*|me (?:lo |la )?(?:cambien|cambiaran|cambiasen|repongan|sustituyan)|cambiar(?:me)? (?:la|el|lo|los|las) [\w' -]{0,16}?\bpor (?:otr[oa]|un[oa] nuev[oa])|(?:una|un) (?:compensacion|indemnizacion|descuento|abono|cambio)|compens\w*|indemniz\w*|(?:explicar|expliquen|explique|explicarme|explicacion de) (?:por que|porque)|me (?:deben|debeis)|no me cobren|que me (?:abonen|reembolsen|devuelvan))\b/,
    unless: /\bno le pasa nada\b|\bno tiene (?:ningun )?(?:defecto|problema)\b|\bme he equivocado\b|\bcambie de opinion\b|\b(?:ya )?me (?:han )?(?:reembolsado|devuelto el dinero)\b|\breembolso (?:recibido|rapido)\b/,
  },
  {
    id: 'misled',
    valence: -2.4,
    pattern: /\b(?:enganad[oa]s?|estafad[oa]s?|timad[oa]s?)\b|\bno (?:es|era) (?:lo que|como) (?:se )?(?:anunciaba|anuncia|decia|describia|prometia|ponia)\b|\bnada que ver con (?:la|las|el|los) (?:foto|fotos|descripcion|anuncio|web)\b/,
  },
  {
    id: 'claim',
    valence: -2,
    statement: true,
    pattern:
      /\b(?:el anuncio|la web|la pagina|la descripcion|la etiqueta|la caja|el folleto|la foto|las fotos|el menu|la carta) (?:decia|dice|ponia|pone|prometia|promete|indicaba|mostraba)\b|\ben (?:el anuncio|la web|la pagina|la descripcion|la etiqueta|la carta|las fotos) (?:ponia|pone|decia|dice|salia|aparecia)\b|\bdecia ['"]|\b(?:prometieron|prometio|me prometieron|nos prometieron|me aseguraron|nos aseguraron|me dijeron que|nos dijeron que)\b|\bsupuestamente\b|\b(?:se suponia|supuestamente) que\b|\b(?:anunciad[oa]|vendid[oa]) como\b|\bsegun (?:el anuncio|la web|la descripcion)\b|\b(?:el|la|los|las|un|una) ['"][a-z][^'"]{1,30}['"]/,
  },
  {
    id: 'facts',
    valence: -2.2,
    pattern:
      /\bduro como una piedra\b|\b(?:se descosio|se rompio|se despego|dejo de funcionar|se estropeo)\b[^.!?]{0,30}\b(?:a la semana|al dia|al mes|a los \w+ dias|enseguida|pronto)\b|\b(?:a la semana|al dia|al mes) se (?:rompio|descosio|estropeo)\b|\bsin avisar\b|\b(?:no|nadie) (?:me |nos )?(?:avisaron|aviso|llamaron|llamo|contesto|contestaron|respondio|respondieron)\b|\b(?:me|nos) (?:cobraron|han cobrado|cobran) (?:de mas|el doble|dos veces|mas de lo)\b|\bpresupuesto (?:era|fue) de\b[^.!?]{0,40}\b(?:cobrado|cobraron|factura)\b|\b(?:tardaron|llevo|llevamos) [\w' -]{0,16}?\b(?:una hora|\d+ (?:minutos|horas|dias|semanas)|dias|semanas) (?:esperando|en traer|en llegar)\b|\bcinco dias esperando\b|\bllevo \w+ (?:dias|semanas) esperando\b/,
  },
  {
    id: 'idiom',
    valence: -2.4,
    pattern: /\b(?:teniais|tenian|teniamos) (?:un|una) (?:solo |unico )?(?:trabajo|tarea)\b|\bse encogio de hombros\b|\bni se molestan\b|\bfingir que les importa\b|\bles (?:da|dio) (?:igual|lo mismo)\b|\bde departamento en departamento\b|\bnadie se hace cargo\b|\bnos (?:levantamos|fuimos) (?:y nos fuimos )?(?:sin|despues)\b|\bnos fuimos sin\b|\bcomo si (?:fueramos|fuera) (?:una molestia|un estorbo)\b|\bchapuza\b|\btomadura de pelo\b/,
  },
  {
    id: 'mild',
    effect: 'mild',
    valence: -1.6,
    pattern: /\besperaba (?:mas|algo mas|mucho mas)\b|\bnada del otro mundo\b|\bya no es lo que era\b|\bno es lo que era\b|\bnada (?:especial|espectacular|extraordinario)\b|\bun poco decepcionad[oa]\b|\bsin mas\b|\bregular\b/,
  },
  {
    id: 'farewell',
    effect: 'farewell',
    valence: 1,
    pattern: /\b(?:pena|lastima|tristeza|triste)\b[^.!?]{0,40}\b(?:cierre|cerreis|cierren|cerrais|cerrar|jubilacion|os vais|se van|despedida)\b|\bos (?:vamos a|voy a) echar de menos\b|\bsuerte en (?:la|tu|su|vuestra) (?:jubilacion|nueva etapa)\b/,
  },
  // French.
  {
    id: 'remedy',
    valence: -2.2,
    pattern:
      /\b(?:rembours\w*|(?:souhaite|voudrais|veux|demande|exige|aimerais|attends|merci de)\b[^.!?]{0,30}\b(?:un|une|le|mon) (?:avoir|echange|remplacement|dedommagement)|geste commercial|dedommag\w*|compens\w*|(?:m'|nous |me )?(?:envoyer|renvoyer|expedier) un(?:e)? (?:nouveau|nouvelle|autre)|(?:la|le|les) (?:retourner|renvoyer|echanger|remplacer)|souhaite (?:la |le |les )?(?:retourner|renvoyer|echanger)|(?:corriger|rectifier|revoir) (?:la |cette |ma |votre )?facture|pourriez-vous corriger|m'expliquer pourquoi|nous expliquer pourquoi|expliquez-moi pourquoi|une explication)\b/,
    unless: /\baucun defaut\b|\bn'a aucun (?:defaut|probleme)\b|\bchange d'avis\b|\bmon erreur\b|\bc'est juste un peu\b|\b(?:bien|deja|ete|ai ete|avons ete) (?:recu|rembourse\w*)\b|\bremboursement (?:recu|effectue|rapide)\b/,
  },
  {
    id: 'misled',
    valence: -2.4,
    pattern: /\b(?:trompee?s?|arnaquee?s?|flouee?s?|roulee?s? dans la farine)\b|\bne (?:ressemble|correspond) (?:pas|en rien|absolument pas)(?: du tout)? (?:a|aux?) (?:la |les )?(?:photos?|description|annonce)\b|\brien a voir avec (?:la|les|l')\s?(?:photos?|description|annonce)\b/,
  },
  {
    id: 'claim',
    valence: -2,
    statement: true,
    pattern:
      /\b(?:l'annonce|le site|la description|l'etiquette|la photo|les photos|la carte|le menu) (?:parlait|disait|dit|indiquait|indique|promettait|promet|montrait|annoncait)\b|\bsoi-disant\b|\bsoi disant\b|\bcense(?:e|s)? (?:etre|avoir|arriver|durer)\b|\b(?:annonce|annoncee|vendu|vendue) (?:en|comme)\b|\b(?:on nous avait|on m'avait|vous m'aviez|vous nous aviez|ils m'avaient|ils nous avaient) (?:promis|assure|garanti|dit)\b|\bpromis\b|\b(?:«|") ?[a-z][^»"]{1,40} ?(?:»|")\s?:/,
  },
  {
    id: 'facts',
    valence: -2.2,
    pattern:
      /\bne (?:fonctionne|marche) (?:pas|plus)\b|\b(?:devis|prix annonce) (?:etait|est|de)\b[^.!?]{0,50}\b(?:facture|facturee?|paye|debite)\b|\bfacture (?:trop elevee|gonflee)\b|\bau bout de \d+ (?:minutes|heures|jours)\b|\b(?:au bout d'une|apres une) (?:heure|semaine)\b|\bsans prevenir\b|\bpersonne (?:ne )?(?:nous |m')?(?:a |n'a )?(?:rappele|repondu|prevenu|prevenus)\b|\b(?:c'est )?mon (?:deuxieme|troisieme|quatrieme|\d+e) (?:message|mail|e-mail|appel|courrier)\b|\bdecousue? (?:au|apres)\b|\brassis\b/,
  },
  {
    id: 'idiom',
    valence: -2.4,
    pattern: /\b(?:une|un) seule? (?:chose|truc|mission) a faire\b|\bhausse les epaules\b|\bmeme pas semblant\b|\b(?:on me|on nous) balade\b|\bd'un service a l'autre\b|\b(?:on est|nous sommes) partis (?:au bout|sans|apres)\b|\bse moquent? (?:des|de leurs) clients\b|\bfoutage de gueule\b|\bdu grand n'importe quoi\b|\bpris pour (?:des|un) (?:pigeons?|idiots?)\b|\bamateurisme\b/,
  },
  {
    id: 'mild',
    effect: 'mild',
    valence: -1.6,
    pattern: /\bje m'attendais a mieux\b|\bon s'attendait a mieux\b|\bplus ce que c'etait\b|\bsans plus\b|\brien de special\b|\brien d'exceptionnel\b|\bpas terrible\b|\bbof\b|\bun peu decue?s?\b|\bmoyen\b/,
  },
  {
    id: 'farewell',
    effect: 'farewell',
    valence: 1,
    pattern: /\b(?:triste|dommage|tristesse|deçu|decu)\b[^.!?]{0,40}\b(?:fermiez|fermez|fermeture|fermer|retraite|partiez|depart)\b|\bvous (?:allez|aller) nous manquer\b|\bbonne retraite\b|\bbonne continuation\b/,
  },
  // German.
  {
    id: 'remedy',
    valence: -2.2,
    pattern:
      /\b(?:geld zuruck|mein geld|ruckerstatt\w*|erstatt\w*|gutschrift|gut ?schreiben|schreiben sie (?:uns|mir) [\w' -]{0,36}?\bgut|(?:umtausch|ersatz|entschadigung|kulanz)\w*|(?:ein(?:e|en)? )?neue[ns]? [\w' -]{0,16}?\b(?:schicken|senden|zusenden)|schicken sie mir (?:ein(?:e|en)? )?neue[ns]?|zuruckschicken|zuruck ?senden|korrigieren sie|bitte (?:um )?korrektur|erklaren,? warum|erklaren sie (?:mir )?,? warum|eine erklarung)\b/,
    unless: /\bvollig in ordnung\b|\bkein(?:en)? (?:mangel|fehler|defekt)\b|\bmein fehler\b|\bnur etwas (?:eng|gross|klein|weit)\b|\b(?:sofort|schnell|bereits|umgehend) (?:zuruck)?erstattet\b|\berstattung (?:kam|erhalten|ist angekommen)\b/,
  },
  {
    id: 'misled',
    valence: -2.4,
    pattern: /\b(?:getauscht|betrogen|abgezockt|hinters licht gefuhrt|veraeppelt|verarscht)\b|\b(?:sieht|sah) ganz anders aus als\b|\bnicht wie (?:beschrieben|abgebildet|angegeben|versprochen)\b/,
  },
  {
    id: 'claim',
    valence: -2,
    statement: true,
    pattern:
      /\blaut (?:angebot|beschreibung|anzeige|website|webseite|homepage|etikett|speisekarte|prospekt|werbung)\b|\bangeblich\b|\b(?:in der anzeige|auf der website|in der beschreibung|auf dem etikett) (?:stand|steht|hiess)\b|\b(?:wurde|wurden) (?:uns |mir )?[\w' -]{0,60}?\bversprochen\b|\bversprochen\b|\bsollte (?:eigentlich )?[\w' -]{0,48}?\b(?:kosten|sein|dauern|kommen|ankommen)\b|\bin wahrheit\b|\bbeworben als\b|„[^“"]{2,40}[“"]/,
  },
  {
    id: 'facts',
    valence: -2.2,
    pattern:
      /\b(?:hat|hatte) (?:einen|einen grossen) (?:sprung|riss|kratzer|fleck|delle)\b|\b(?:ist|war) (?:gesprungen|zerbrochen|zerkratzt|gerissen|aufgegangen)\b|\bfunktioniert nicht\b|\bzu viel berechnet\b|\b(?:berechnet|bezahlt) (?:wurden|wurde|haben wir) aber\b|\bstatt [\w' -]{0,16}?\b(?:drei|zwei|vier|\d+)\b[^.!?]{0,30}\bberechnet\b|\b(?:hart|trocken) wie (?:ein )?(?:stein|brett|schuhsohle)\b|\bohne (?:anzurufen|bescheid|vorwarnung|sich zu melden)\b|\b(?:hat|haben) (?:sich )?nicht (?:angerufen|gemeldet|zuruckgerufen)\b|\bnie (?:eine )?antwort\b|\bkeine antwort\b|\bnach (?:einer|zwei|drei|\d+) (?:woche|wochen|tag|tagen)\b[^.!?]{0,30}\b(?:kaputt|aufgegangen|gerissen|defekt)\b|\bnaht (?:ist )?[\w' -]{0,48}?\baufgegangen\b/,
  },
  {
    id: 'idiom',
    valence: -2.4,
    pattern: /\b(?:ihr hattet|sie hatten|hattet ihr) (?:eine|nur eine) (?:einzige )?aufgabe\b|\beine aufgabe\b|\bmit den schultern gezuckt\b|\bschulterzuck\w*|\bnicht (?:mal|einmal) so,? als (?:ob|wurde)\b|\bvon einer abteilung zur (?:nachsten|anderen)\b|\bhin und her geschickt\b|\bsind (?:wir )?gegangen\b|\bwir sind gegangen\b|\b(?:als ob|als wurden) wir (?:storen|lastig)\b|\bfrechheit\b|\bsaftladen\b|\bpfusch\w*/,
  },
  {
    id: 'mild',
    effect: 'mild',
    valence: -1.6,
    pattern: /\bmehr erwartet\b|\bhatte mir mehr\b|\bnichts besonderes\b|\b(?:ganz|nur) ok\b|\bnicht mehr (?:das|so),? was es (?:mal )?war\b|\bnicht mehr das,? was es mal war\b|\bwas es mal war\b|\bnaja\b|\betwas enttauscht\b|\bgeht so\b/,
  },
  {
    id: 'farewell',
    effect: 'farewell',
    valence: 1,
    pattern: /\b(?:schade|traurig)\b[^.!?]{0,40}\b(?:schliesst|schliessen|aufhort|aufhoren|ruhestand|aufgebt|weggeht)\b|\bwir werden euch vermissen\b|\bwir werden sie vermissen\b|\balles gute (?:fur|im) (?:den )?ruhestand\b/,
  },
];
