/**
 * Small feedback lexicons for Spanish, French and German, written by the Earshot team (MIT, like the
 * project). They aim at what an alert needs in these languages: catching complaints and negative
 * sentiment, and recognising plain praise. Keys are lower-case and accent-folded (see `fold`).
 */
export interface LanguageLexicon {
  words: Record<string, number>;
  phrases: Record<string, number>;
  negations: Set<string>;
  boosters: Record<string, number>;
  contrasts: Set<string>;
}

export const SPANISH: LanguageLexicon = {
  words: {
    excelente: 3, genial: 2.8, estupendo: 2.8, perfecto: 2.8, perfecta: 2.8, maravilloso: 3, maravillosa: 3,
    bueno: 1.8, buena: 1.8, buenisimo: 2.8, buenisima: 2.8, rico: 2, rica: 2, delicioso: 2.8, deliciosa: 2.8,
    amable: 2.2, amables: 2.2, atento: 2, atentos: 2, rapido: 1.2, rapida: 1.2, limpio: 1.2, limpia: 1.2,
    gracias: 0.6, encanto: 2.8, encantado: 2.6, encantada: 2.6, feliz: 2.4, contento: 2.2, contenta: 2.2,
    recomiendo: 2.2, recomendable: 2.2, fantastico: 3, increible: 2.4, agradable: 2, precioso: 2.4,
    malo: -2.4, mala: -2.4, mal: -2, pesimo: -3.2, pesima: -3.2, horrible: -3, terrible: -3, fatal: -3,
    asqueroso: -3, asquerosa: -3, sucio: -2.4, sucia: -2.4, grosero: -2.8, grosera: -2.8, maleducado: -2.8,
    maleducada: -2.8, frio: -1, fria: -1, roto: -2.4, rota: -2.4, tarde: -1.4, retraso: -1.8, equivocado: -2,
    equivocada: -2, incorrecto: -1.8, lento: -1.6, lenta: -1.6, caro: -1, cara: -0.6, estafa: -3,
    decepcion: -2.4, decepcionado: -2.4, decepcionada: -2.4, decepcionante: -2.4, queja: -1.8, reclamacion: -1.8,
    reembolso: -1.2, enfadado: -2.6, enfadada: -2.6, molesto: -2.2, molesta: -2.2, harto: -2.6, harta: -2.6,
    inaceptable: -2.8, verguenza: -2.6, desastre: -3, nefasto: -3, cancelado: -2, cancelada: -2, perdido: -1.8,
    perdida: -1.6, danado: -2.2, danada: -2.2, defectuoso: -2.6, defectuosa: -2.6, quemado: -1.8, crudo: -1.4,
    rancio: -2.4, rancia: -2.4, esperando: -1, esperamos: -0.8, espere: -0.8, nadie: -0.8, nunca: -0.6,
    problema: -1.2, problemas: -1.4, error: -1.4, falta: -1.2, faltaba: -1.6, faltan: -1.4,
  },
  phrases: {
    'nunca mas': -3, 'no funciona': -2.4, 'no funcionaba': -2.4, 'dejo de funcionar': -2.6, 'no vuelvo': -2.8,
    'no volvere': -2.8, 'no volveremos': -2.8, 'no lo recomiendo': -2.8, 'no recomiendo': -2.8,
    'sin respuesta': -2.2, 'todavia no': -1.8, 'aun no': -1.8, 'cobraron dos veces': -2.8, 'me cobraron': -1.2,
    'muy bien': 2.2, 'no esta mal': 1.2, 'sin problemas': 1.4, 'ninguna queja': 1.8, 'de nada': 0,
    'mil gracias': 2.4, 'muchas gracias': 0.9, 'una pena': -1.8, 'tomadura de pelo': -2.8, 'no me gusto': -2.2,
    'no me gusta': -2, 'me gusto': 1.8, 'me gusta': 1.6, 'me encanto': 2.8, 'vale la pena': 2.2,
    'no vale la pena': -2.4,
  },
  negations: new Set(['no', 'nunca', 'jamas', 'ni', 'sin', 'tampoco', 'nada', 'nadie']),
  boosters: { muy: 0.3, super: 0.3, bastante: 0.2, demasiado: 0.3, totalmente: 0.3, realmente: 0.3, tan: 0.3, poco: -0.3, algo: -0.2 },
  contrasts: new Set(['pero', 'aunque', 'sin embargo', 'sino']),
};

export const FRENCH: LanguageLexicon = {
  words: {
    excellent: 3, excellente: 3, genial: 2.8, parfait: 2.8, parfaite: 2.8, merveilleux: 3, super: 2.4, bon: 1.6,
    bonne: 1.6, delicieux: 2.8, delicieuse: 2.8, aimable: 2.2, aimables: 2.2, sympa: 2, sympathique: 2,
    rapide: 1.2, propre: 1.2, merci: 0.6, ravi: 2.6, ravie: 2.6, heureux: 2.4, heureuse: 2.4, content: 2.2,
    contente: 2.2, recommande: 2.2, fantastique: 3, incroyable: 2.4, agreable: 2, top: 2.2, bravo: 2.6,
    mauvais: -2.4, mauvaise: -2.4, nul: -2.8, nulle: -2.8, horrible: -3, terrible: -2.6, affreux: -3,
    affreuse: -3, degoutant: -3, degoutante: -3, sale: -2.2, sales: -2.2, impoli: -2.8, impolie: -2.8,
    desagreable: -2.6, froid: -1, froide: -1, casse: -2.4, cassee: -2.4, retard: -1.8, errone: -2, erronee: -2,
    lent: -1.6, lente: -1.6, cher: -1, chere: -1, arnaque: -3, decu: -2.4, decue: -2.4, decevant: -2.4,
    decevante: -2.4, deception: -2.4, plainte: -1.8, reclamation: -1.8, remboursement: -1.2, furieux: -3,
    furieuse: -3, enerve: -2.4, enervee: -2.4, inacceptable: -2.8, honte: -2.6, honteux: -2.8, catastrophe: -3,
    annule: -2, annulee: -2, perdu: -1.8, perdue: -1.6, endommage: -2.2, endommagee: -2.2, defectueux: -2.6,
    brule: -1.8, cru: -1, rassis: -2.4, rassie: -2.4, attente: -1, attendu: -0.8, attendre: -0.6, personne: -0.4,
    jamais: -0.6, probleme: -1.2, problemes: -1.4, erreur: -1.4, manque: -1.4, manquait: -1.6, pire: -3,
    catastrophique: -3, lamentable: -3, insupportable: -2.8, inadmissible: -2.8, mediocre: -2,
  },
  phrases: {
    'plus jamais': -3, 'ne fonctionne pas': -2.4, 'ne marche pas': -2.4, 'ne fonctionne plus': -2.6,
    'ne marche plus': -2.6, 'je ne reviendrai pas': -2.8, 'ne reviendrai plus': -2.8, 'ne recommande pas': -2.8,
    'sans reponse': -2.2, 'toujours pas': -1.8, 'toujours rien': -2, 'debite deux fois': -2.8,
    'preleve deux fois': -2.8, 'tres bien': 2.2, 'pas mal': 1.2, 'sans probleme': 1.4, 'rien a redire': 2,
    'aucun probleme': 1.6, 'merci beaucoup': 0.9, 'mille mercis': 2.4, 'foutage de gueule': -3,
    'service client': -0.4, "j'adore": 2.8, "j'ai adore": 2.8, 'vaut le coup': 2.2, 'ne vaut pas': -2.4,
  },
  negations: new Set(['ne', "n'", 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'sans', 'ni', 'personne', 'plus']),
  boosters: { tres: 0.3, trop: 0.3, vraiment: 0.3, tellement: 0.3, totalement: 0.3, assez: 0.2, si: 0.3, peu: -0.3 },
  contrasts: new Set(['mais', 'cependant', 'pourtant', 'toutefois', 'sauf']),
};

export const GERMAN: LanguageLexicon = {
  words: {
    ausgezeichnet: 3, toll: 2.6, super: 2.4, perfekt: 2.8, wunderbar: 3, gut: 1.8, gute: 1.8, guter: 1.8,
    lecker: 2.6, freundlich: 2.2, freundliche: 2.2, nett: 2, schnell: 1.2, sauber: 1.2, danke: 0.6,
    dankeschon: 2, glucklich: 2.4, zufrieden: 2.2, empfehlen: 1.8, empfehlenswert: 2.4, fantastisch: 3,
    klasse: 2.6, spitze: 2.8, hervorragend: 3, angenehm: 2, prima: 2.4,
    schlecht: -2.4, schlechte: -2.4, schlechter: -2.4, schrecklich: -3, furchtbar: -3, katastrophe: -3,
    katastrophal: -3, ekelhaft: -3, eklig: -3, schmutzig: -2.4, dreckig: -2.6, unfreundlich: -2.6,
    unhoflich: -2.8, frech: -2.4, kalt: -1, kaputt: -2.4, defekt: -2.4, beschadigt: -2.2, verspatet: -1.8,
    verspatung: -1.8, spat: -1.2, falsch: -2, falsche: -2, falschen: -2, langsam: -1.6, teuer: -1,
    uberteuert: -2.2, betrug: -3, abzocke: -3, enttauscht: -2.4, enttauschend: -2.4, enttauschung: -2.4,
    beschwerde: -1.8, reklamation: -1.8, ruckerstattung: -1.2, erstattung: -1.2, wutend: -3, sauer: -2.4,
    verargert: -2.4, inakzeptabel: -2.8, unverschamt: -3, frechheit: -3, storniert: -2, annulliert: -2,
    verloren: -1.8, verbrannt: -1.8, roh: -1.2, alt: -0.6, altbacken: -2.2, gewartet: -1, warten: -0.8,
    wartezeit: -1.2, niemand: -0.8, nie: -0.6, problem: -1.2, probleme: -1.4, fehler: -1.4, fehlt: -1.6,
    fehlte: -1.6, mangelhaft: -2.6, miserabel: -3, unmoglich: -2.4, arrogant: -2.2, unzumutbar: -2.8,
  },
  phrases: {
    'nie wieder': -3, 'funktioniert nicht': -2.4, 'funktioniert nicht mehr': -2.6, 'geht nicht': -2,
    'nicht zu empfehlen': -2.8, 'nicht empfehlenswert': -2.8, 'keine antwort': -2.2, 'immer noch nicht': -2,
    'immer noch keine': -2, 'noch immer nicht': -2, 'doppelt abgebucht': -2.8, 'zweimal abgebucht': -2.8,
    'sehr gut': 2.4, 'nicht schlecht': 1.2, 'ohne probleme': 1.4, 'keine probleme': 1.4, 'vielen dank': 0.9,
    'herzlichen dank': 2.4, 'gerne wieder': 2.6, 'komme wieder': 2, 'kommen wieder': 2, 'lohnt sich': 2.2,
    'lohnt sich nicht': -2.4,
  },
  negations: new Set(['nicht', 'kein', 'keine', 'keinen', 'keiner', 'keinem', 'nie', 'niemals', 'ohne', 'weder', 'nichts']),
  boosters: { sehr: 0.3, total: 0.3, extrem: 0.35, wirklich: 0.3, echt: 0.3, absolut: 0.3, ziemlich: 0.2, so: 0.3, zu: 0.2, etwas: -0.2, kaum: -0.3 },
  contrasts: new Set(['aber', 'jedoch', 'trotzdem', 'allerdings', 'sondern']),
};

/** Emoji valences on the same scale, written by the Earshot team. */
export const EMOJI: Record<string, number> = {
  '😡': -3, '😠': -2.8, '🤬': -3.2, '😤': -2.2, '😞': -2.2, '😢': -2, '😭': -2.2, '👎': -2.4, '🙄': -1.8,
  '😒': -1.8, '🤮': -3, '🤢': -2.6, '💩': -2.6, '😩': -2.2, '😫': -2.2, '😖': -2, '😣': -1.8, '😔': -1.8,
  '😕': -1.4, '☹': -2, '🙁': -1.8, '😑': -1, '😐': -0.6, '🤦': -2, '😬': -1, '😓': -1.4, '😰': -1.8, '😱': -1.6,
  '💔': -2.4, '🖕': -3, '🤯': -1.4, '😴': -0.8, '⏳': -0.6, '⌛': -0.6,
  '😍': 3, '🥰': 3, '❤': 2.8, '💕': 2.6, '💖': 2.8, '💯': 2, '👍': 1.8, '👏': 2, '🙌': 2.2, '😊': 2.2, '🙂': 1.2,
  '😀': 2, '😃': 2.2, '😄': 2.2, '😁': 2, '🤩': 3, '🎉': 2.2, '🥳': 2.4, '🙏': 1.4, '😎': 1.6, '✨': 1.2,
  '⭐': 0, '🌟': 0, '🔥': 2, '🤘': 1.8, '💙': 2.4, '💜': 2.4, '💚': 2.4, '🧡': 2.4, '💛': 2.4, '😘': 2.4, '🤗': 2.2, '👌': 1.8,
  '✅': 1,
};

/** Emoticons (matched before tokenising) with their valences. */
export const EMOTICONS: Array<[string, number]> = [
  [':-)', 1.8], [':)', 1.8], ['(:', 1.6], [':-D', 2.4], [':D', 2.4], [';-)', 1.4], [';)', 1.4], [':]', 1.4],
  ['=)', 1.6], [':P', 1], [':-P', 1], [':p', 1], ['<3', 2.6], ['^_^', 2], [':-(', -2], [':(', -2], ['):', -1.8],
  [':-/', -1.2], [':/', -1.2], [":'(", -2.2], [':-|', -0.8], ['>:(', -2.6], ['D:', -1.8], [':@', -2.4],
  ['-_-', -1.2], ['>_<', -1.6], [':S', -1.2],
];
