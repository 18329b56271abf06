import type { ComplaintPattern, UrgentPattern } from '#shared/classifier/patterns.ts';
import { FEEDBACK_PATTERNS_EN, FEEDBACK_PATTERNS_OTHER } from '#shared/classifier/source/patterns-feedback.ts';
import { URGENT_MORE } from '#shared/classifier/source/patterns-urgent.ts';

/**
 * The first patterns for what lexicons miss (times waited, money, things broken or missing,
 * service failures, sarcasm, urgency cues), written by the Earshot team, with their trigger words;
 * the later kinds are in patterns-feedback.ts and patterns-urgent.ts. Every pattern runs on folded
 * text: lower case, accents removed, curly quotes straightened (see `fold` in text.ts).
 */

const N = String.raw`(?:\d+|half an|an hour and a half|a|an|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty|forty-five|fifty|ninety|several|many|few)`;
const TIME_UNIT = String.raw`(?:min(?:ute)?s?|mins|hours?|hrs?|h|days?|weeks?|months?)`;
const BE = String.raw`(?:is|was|were|are|arrived|came|turned up|showed up|got here|been|looked|tasted|seemed)`;

const BASE_COMPLAINT_PATTERNS: ComplaintPattern[] = [
  // Time waited.
  { id: 'waited', pattern: new RegExp(String.raw`\b(?:waited|waiting|wait(?:ed)? for|wait of|sat|stood|queued|in line|on hold|kept us waiting|took|take|takes|taking|wait around for)\b[^.!?]{0,30}?\b(?:over |more than |almost |nearly |about |another |an extra |a full )?${N}\+? ?${TIME_UNIT}\b`), valence: -2.2 },
  { id: 'waited', pattern: new RegExp(String.raw`\b${N} ?${TIME_UNIT} (?:wait|waiting|delay|late|on hold|in line|queue|for (?:our|my|the) (?:food|order|drinks?|table|meal|bags?|luggage))\b`), valence: -2.2 },
  { id: 'waited', pattern: /\b(?:over|more than) an hour\b|\b(?:took|takes|take|taking) [\w' -]{0,16}?\b(?:forever|ages|so long|way too long|too long)\b|\b(?:still|been) waiting\b|\bwaited (?:forever|ages)\b/, valence: -2 },
  // Still nothing, again, second time.
  { id: 'still', pattern: /\bstill (?:no|not|nothing|haven'?t|hasn'?t|didn'?t|don'?t|doesn'?t|can'?t|waiting|broken|missing|wrong|late|delayed|stuck|on hold|no sign)\b/, valence: -2.2 },
  { id: 'again', pattern: /\b(?:wrong|late|broken|missing|cold|delayed|cancell?ed|forgot(?:ten)?|lost|overcharged|charged)\b[^.!?]{0,30}\b(?:again|once again|yet again|a second time|twice|every time)\b/, valence: -1.6 },
  { id: 'again', pattern: /\b(?:(?:second|third|2nd|3rd|fourth|4th) time|yet again|once again|not the first time|every single time|this keeps happening|happened again)\b/, valence: -1.6 },
  // Money.
  { id: 'money', pattern: /\b(?:charged|billed|debited) (?:me |us )?(?:twice|double|two times|three times|again|for something|for an? (?:order|item)|without)\b|\bdouble[- ]charged\b|\bovercharged\b|\bextra charge\b|\bhidden (?:fees?|charges?)\b/, valence: -2.4 },
  { id: 'refund', pattern: /\b(?:no|still no|never (?:got|received) (?:a |my |the )?|waiting for (?:a |my |the )?|where is my |want (?:a |my )?|demand (?:a |my )?|asked for (?:a |my )?|request(?:ed|ing)? (?:a |my )?)refund\b|\brefund (?:is )?(?:still )?(?:missing|pending|not|never|hasn'?t|has not|denied|refused)\b|\bmoney back\b/, valence: -2.2 },
  // Never arrived, missing, broken, wrong.
  { id: 'missing', pattern: /\bnever (?:arrived|came|showed|received|got (?:it|my|our|the|their|his|her|any)|delivered|shipped|called back|replied|responded|answered|heard back)\b|\b(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not) (?:arrived?|received|come|shown up|been delivered|heard (?:back|anything))\b/, valence: -2.4 },
  { id: 'missing', pattern: /\b(?:is|was|were|are|went|go|gone|item|items|part|parts|pieces?|order|bag|bags|luggage|package|parcel) missing\b|\bmissing (?:from|items?|parts?|pieces?|bags?|luggage|order|package|parcel)\b/, valence: -2 },
  { id: 'broken', pattern: new RegExp(String.raw`\b${BE} (?:broken|damaged|cracked|smashed|crushed|squashed|dented|torn|ripped|leaking|defective|faulty|stale|cold|raw|undercooked|burnt|expired|mouldy|moldy|off|rotten|filthy|dirty|late|wrong|missing|incomplete|empty|soggy|chipped|scratched|shattered|snapped|bent|stained|wilted|melted|scuffed)\b`), valence: -2.2 },
  { id: 'wrong', pattern: /\bwrong (?:size|order|item|items|colou?r|product|address|food|dish|meal|drink|change|bill|amount|room|date|time|name|part|model|one|flight|gate|bags?|information|info)\b|\bnot what i (?:ordered|asked for|paid for)\b|\bgave (?:me|us) the wrong\b/, valence: -2.2 },
  { id: 'broken', pattern: /\b(?:stopped|quit|ceased) (?:working|charging|functioning)\b|\b(?:doesn'?t|does not|didn'?t|did not|won'?t|will not|wouldn'?t|would not|isn'?t|is not|wasn'?t|was not|never|neither (?:will|would|one)) [\w' -]{0,16}?\b(?:work(?:ing)?|charge|charging|turn on|fit|fits|connect|load|open|close|hold|last|stay|match|pair|sync|fix|do the job|maintain)\b|\bbroke (?:after|within|in)\b|\bfell apart\b|\bdead on arrival\b/, valence: -2.4 },
  // Service failures.
  { id: 'service', pattern: /\bno (?:one|body) (?:answers?|answered|called|calls|replied|replies|responded|responds|helped|helps|came|cares|showed|picked up|got back)\b|\bnobody (?:answers?|answered|called|calls|replied|replies|responded|responds|helped|helps|came|cares|showed|picked up|got back)\b|\bno (?:response|reply|answer|call back|callback|follow[- ]up|updates?|explanation|apology|help|information|info)\b/, valence: -2.2 },
  { id: 'service', pattern: /\b(?:hung up on|was rude to|were rude to|ignored|yelled at|shouted at|laughed at) (?:me|us|my|our)\b|\bkept (?:me|us) (?:waiting|on hold)\b|\bput (?:me|us) on hold\b|\bpassed (?:me|us) around\b/, valence: -2.4 },
  { id: 'late', pattern: /\b(?:flight|train|bus|delivery|order|package|parcel|food|driver|technician|plumber|appointment|table)\b[^.!?]{0,25}\b(?:late|delayed|cancell?ed|postponed|rescheduled)\b|\b(?:late|delayed|cancell?ed) (?:flight|flights|again|delivery|order|twice)\b|\bcancelled flightled\b|\blate flight\b|\bmissed (?:my|our|the) (?:connection|connecting|flight|appointment|meeting)\b/, valence: -2 },
  { id: 'lost', pattern: /\blost (?:my|our|the|his|her|their) (?:luggage|bag|bags|baggage|suitcase|order|package|parcel|reservation|booking|keys|jacket|coat|belongings|stuff|items?|things|stroller|car ?seat)\b|\b(?:luggage|bag|bags|baggage|suitcase) (?:is |was |were |has been |have been |got )?(?:lost|damaged|delayed|missing|broken)\b/, valence: -2.4 },
  { id: 'found', pattern: /\b(?:found|there was|there were|with) (?:a |an |some )?[\w' -]{0,48}?\b(?:hair|hairs|bug|bugs|fly|flies|cockroach|cockroaches|glass|plastic|metal|wire|mould|mold|worm|worms|insect|insects|bone|bones|band-?aid|nail|staple) (?:in|on|inside)\b/, valence: -2.8 },
  { id: 'question-why', effect: 'hint', pattern: /\bwhy (?:is|are|was|were|did|do|does|would|can'?t|won'?t|isn'?t|wasn'?t|hasn'?t|haven'?t|don'?t|doesn'?t|didn'?t) (?:my|our|the|it|they|you|no one|nobody|there)\b[^.!?]{0,60}\b(?:late|delayed|cancell?ed|lost|broken|wrong|missing|no|not|never|still|charge|charged|hold|wait|waiting|hours?|refund|rude)\b/, valence: -1.8 },
  { id: 'lacking', pattern: /\b(?:no|zero|lacked|lacking|lacks|without any|without) (?:real |any |additional |much |decent |proper )?(?:instructions?|flavou?r|taste|seasoning|reception|signal|service|help|options?|information|info|explanation|apology|water|napkins?|room|updates?|wifi|wi-fi|power|sound|volume|hot water|heat|heating|ac|air conditioning|salt|sauce|manager|staff|communication|customer service)\b/, valence: -1.8 },
  { id: 'less-than', pattern: /\bless than [\w' -]{0,16}?\b(?:friendly|helpful|willing|impressed|satisfied|happy|pleased|stellar|ideal|great|good|professional|accommodating|courteous|thrilled|enthusiastic|clean|fresh|acceptable)\b/, valence: -2.4 },
  { id: 'yet-to', pattern: /\b(?:have|has|still) yet to (?:see|receive|get|hear|be|arrive|respond|reply|call)\b/, valence: -1.8 },
  { id: 'waited', pattern: new RegExp(String.raw`\b${N}\+? ?${TIME_UNIT} (?:past|after|behind|late|overdue|delayed)\b|\b${N}\+? ?${TIME_UNIT} [\w' -]{0,16}?\b(?:delay|delays|wait|layover|hold|holds)\b`), valence: -2 },
  // Not coming back, warnings to others.
  { id: 'not-again', pattern: /\b(?:never|not|won'?t|wouldn'?t|will not|would not|doubt (?:i|we)(?:'ll| will)|don'?t think (?:i|we)(?:'ll| will))\b[\w' ,-]{0,40}?[ ,]+(?:go(?:ing)?|come|coming|be|eat(?:ing)?|return(?:ing)?|visit(?:ing)?|step|buy(?:ing)?|order(?:ing)?|use|using|stay(?:ing)?|fly(?:ing)?|shop(?:ping)?|recommend(?:ing)?)[\w' -]{0,36}? (?:back|again|anytime soon)\b|\b(?:wouldn'?t|won'?t|will not|would not|never|can'?t|cannot|could not|couldn'?t) [\w' -]{0,16}?\b(?:return|recommend|reccommend|recomend)\b|\b(?:first|1st) time[\w' -]{0,48}? (?:last|never)\b|\bwe'?re done with\b|\b(?:switching|moving|going|switched|moved) to (?:a )?(?:another|different|other|someone else|a competitor)\b/, valence: -2.6 },
  { id: 'comparison', effect: 'mild', pattern: /\b(?:expected|expect|hoped for|hoping for|deserve|deserved|i'?ve had|we'?ve had|have had|had|have gotten|got|get|gotten|need|needed) [\w' -]{0,48}?\b(?:better|more)\b|\bbetter [\w' -]{0,16}?\b(?:from|at|elsewhere)\b|\bbetter than (?:this|these|that|it|them)\b|\bfar below\b|\bwell below\b|\bbelow (?:average|expectations?|par)\b/, valence: -3.6 },
  { id: 'too', pattern: /\b(?:way |far |much |a bit |a little |bit |just )?too (?!(?:good|great|kind|nice|cute|sweet|happy|funny|generous|pleased|excited|bad to|many good|much trouble)\b)[a-z]{3,}\b/, valence: -1.2 },
  { id: 'cannot', pattern: /\b(?:can'?t|cannot|couldn'?t|could not|unable to|not able to|impossible to|no way to)\b(?: even)? (?:access|find|get|log|login|sign|check|open|reach|use|book|change|transfer|load|hear|talk|connect|print|upload|eat|sleep|sit|pair|charge|stay|hold|fit|download|install|make|pay|cancel|speak|contact|figure|stand|wear|understand|work out)\b/, valence: -1.8 },
  { id: 'down', pattern: /\b(?:site|website|app|system|server|servers|page|link|phone line|lines?) (?:is |was |are |seems |keeps )?(?:down|broken|not loading|crashing|crashed|not working|doesn'?t exist)\b|\bemails? (?:bounce|bounced|never arrives?|never came)\b/, valence: -2 },
  { id: 'waited', pattern: new RegExp(String.raw`\b(?:it'?s|its|it has|it'?s now|now|already) been (?:over |more than |almost |nearly |about )?${N} ${TIME_UNIT}\b|\b(?:for|in) (?:the )?(?:last|past|over|almost|nearly|about|more than) ${N} ${TIME_UNIT}\b`), valence: -1.8 },
  { id: 'waited', pattern: /\bnever got (?:anything|a (?:call|reply|response|email|refund))\b|\bnever rec'?d\b/, valence: -1.8 },
  { id: 'not-again', pattern: /\b(?:spend|take|save) your (?:money|business|time)\b/, valence: -2.6 },
];

/** English patterns, in the order of COMPLAINT_TRIGGERS. */
export const COMPLAINT_PATTERNS: ComplaintPattern[] = [...BASE_COMPLAINT_PATTERNS, ...FEEDBACK_PATTERNS_EN.map(({ triggers: _, ...pattern }) => pattern)];

/** Factual complaint patterns for Spanish, French and German texts. */
const BASE_COMPLAINT_PATTERNS_OTHER: ComplaintPattern[] = [
  { id: 'waited', pattern: /\b(?:espere|esperamos|esperando|esperado|espera de|tardaron|tardo)\b[^.!?]{0,25}\b\d+ ?(?:min(?:uto)?s?|horas?)\b|\b(?:mas de|casi) (?:una|\d+) horas?\b/, valence: -2.2 },
  { id: 'waited', pattern: /\b(?:attendu|attendre|attente de|patiente)\b[^.!?]{0,25}\b\d+ ?(?:min(?:ute)?s?|heures?|h)\b|\bplus d'une heure\b/, valence: -2.2 },
  { id: 'waited', pattern: /\b\d+ ?(?:min(?:uten)?|stunden?|std)\b[^.!?]{0,25}\b(?:gewartet|warten|wartezeit)\b|\b(?:gewartet|warten)\b[^.!?]{0,25}\b\d+ ?(?:min(?:uten)?|stunden?)\b|\buber eine stunde\b/, valence: -2.2 },
  { id: 'still', pattern: /\b(?:todavia|aun) (?:no|sin|nada|espero|esperando)\b|\btoujours (?:pas|rien|aucun|aucune|en attente|sans)\b|\b(?:immer noch|noch immer) (?:nicht|kein|keine|keinen|nichts)\b/, valence: -2.2 },
  { id: 'again', pattern: /\b(?:otra vez|de nuevo|segunda vez|por segunda vez|encore une fois|a nouveau|deuxieme fois|schon wieder|zum zweiten mal|erneut)\b/, valence: -1.6 },
  { id: 'money', pattern: /\b(?:cobraron|cobrado|me cobraron) (?:dos veces|de mas|doble)\b|\b(?:debite|preleve|facture) (?:deux fois|en double|a tort)\b|\b(?:doppelt|zweimal) (?:abgebucht|berechnet|belastet)\b/, valence: -2.4 },
  { id: 'refund', pattern: /\b(?:sin|ningun|no (?:me )?han (?:hecho|dado) (?:el|un)?) ?reembolso\b|\bpas (?:de|encore de|toujours pas de) remboursement\b|\bkeine (?:ruckerstattung|erstattung)\b|\b(?:ruckerstattung|erstattung) (?:fehlt|steht aus|noch nicht)\b/, valence: -2.2 },
  { id: 'missing', pattern: /\bnunca (?:llego|llegaron|recibi)\b|\bno (?:ha llegado|llego|he recibido)\b|\bjamais (?:recu|arrive|livre)\b|\b(?:pas|toujours pas|jamais) (?:recu|arrive|livre)\b|\b(?:nie|nicht|noch nicht) (?:angekommen|geliefert|erhalten)\b/, valence: -2.4 },
  { id: 'broken', pattern: /\b(?:llego|estaba|vino|esta) (?:roto|rota|danado|danada|frio|fria|crudo|sucio|sucia|equivocado|tarde)\b|\b(?:arrive|etait|est) (?:casse|cassee|endommage|froid|froide|sale|en retard|errone)\b|\b(?:kam|war|ist|waren|sind) (?:kaputt|beschadigt|kalt|schmutzig|dreckig|falsch|zu spat|verspatet|defekt)\b/, valence: -2.2 },
  { id: 'service', pattern: /\bnadie (?:contesta|responde|me atendio|nos atendio|ayuda)\b|\bpersonne (?:ne )?(?:repond|rappelle|aide)\b|\bniemand (?:antwortet|geht ran|hilft|ruft zuruck)\b/, valence: -2.2 },
];

/** Spanish, French and German patterns. */
export const COMPLAINT_PATTERNS_OTHER: ComplaintPattern[] = [...BASE_COMPLAINT_PATTERNS_OTHER, ...FEEDBACK_PATTERNS_OTHER];

/** Sarcasm: praise words wrapped around a bad fact ("great, another 2 hour wait"). */
export const SARCASM_PATTERNS: RegExp[] = [
  /^(?:oh |just |well |wow,? |yay,? |yeah,? )?(?:great|perfect|fantastic|wonderful|awesome|brilliant|lovely|nice|excellent|terrific|super|amazing|love it|love that|thanks|thank you|cool|fabulous|splendid)\b[,.!…]* ?(?:\.\.\.|…)?[^.!?]{0,60}\b(?:another|again|more|wait|waiting|delay(?:ed)?|late|hour|hours|cancell?ed|lost|broken|nothing|no|never|still|stuck|missed|wrong|charged|hold)\b/,
  /\b(?:love|loving|enjoy|enjoying|thanks for|thank you for|nothing like|appreciate|appreciated) (?:waiting|sitting|being stuck|the delay|the wait|being on hold|standing|paying|spending \w+ hours?|another)\b/,
  /\bthanks? (?:you )?(?:for|a lot for) (?:nothing|ruining|losing|cancell?ing|delaying|wasting|making me (?:wait|late|miss)|the delay|the wait|leaving|stranding|ignoring|breaking|overcharging)\b/,
  /\b(?:way to go|well done|good job|great job|nice job|bravo|kudos|congrats|congratulations)\b[^.!?]{0,40}\b(?:again|another|losing|cancell?ing|delay(?:ing|ed)?|late|lost|broken|ruin(?:ed|ing)?|nothing|no|never|wrong)\b/,
  /#sarcasm\b|#not\b|\/s$|\byeah,? right\b|\b(?<!(?:thanks|thank you|thank u|thx|ty) )so much for\b|\bjust what i needed\b|\bexactly what i needed\b.*\b(?:not|another|delay)\b/,
  /\b(?:great|best|amazing|fantastic|wonderful|excellent|stellar|top[- ]notch) (?:customer )?service\b[^.!?]{0,10}(?:\.\.\.|…|not|lol|smh|#fail|ha)\b/,
];


const BASE_URGENT_PATTERNS: UrgentPattern[] = [
  {
    cue: 'illness',
    pattern:
      /\bfood poisoning\b|\bpoisoned\b|\b(?:(?:i|we|he|she|they|my \w+|our \w+|everyone|both of us|all of us|the whole family)(?: \w+)? (?:was|were|am|are|is|been|became|felt|feel|feeling)|got|get|gotten|getting|made (?:me|us|my \w+|our \w+|him|her|them|everyone)) (?:so |really |very |violently |badly )?(?:sick|ill)\b(?![- ](?:of|informed|advised|equipped|prepared|mannered)\b)|\bsick (?:all night|for days|after)\b|\b(?:vomit(?:ing|ed)?|threw up|throwing up|diarrh(?:o)?ea|stomach (?:bug|cramps|pains?|ache|upset)|upset stomach)\b|\bhospitali[sz]ed\b|\b(?:ended up|went|taken|rushed) (?:in|to) (?:the )?(?:hospital|a&e|er|emergency)\b|\ballergic reaction\b|\banaphyla\w*|\bepipen\b|\bsalmonella\b|\be\.? ?coli\b|\blisteria\b|\bnorovirus\b|\bintoxicacion\b|\bintoxicad[oa]s?\b|\bvomit(?:e|o|ando|ar)\b|\bintoxication alimentaire\b|\b(?:tombe|tombee|tombes) malades?\b|\blebensmittelvergiftung\b|\berbrochen\b|\b(?:krank|ubel) geworden\b/,
  },
  {
    cue: 'injury',
    pattern:
      /\binjur(?:ed|ies|ing)\b|\b(?<!sports )injury\b(?! (?:clinic|lawyers?|solicitors?|prevention|time|list|update|physio|specialists?|claims? (?:firm|company)))|\bhurt (?:myself|my|herself|himself|themselves|my (?:son|daughter|child|kid|wife|husband))\b|\b(?:cut|burn(?:ed|t)?|broke|chipped|cracked|sprained|twisted) (?:my|his|her|their|a) (?:hand|finger|mouth|tongue|lip|arm|leg|ankle|wrist|tooth|teeth|back|foot|head)\b|\b(?:i|she|he|we|they|my (?:son|daughter|child|kid|wife|husband|mother|father|mom|dad)) (?:slipped|fell|tripped)\b(?! in love| asleep| for (?:it|that|the))|\bbleeding\b(?! (?:ridiculous|joke|hell|awful|expensive|shambles|nightmare|useless|cheek|obvious))|\bstitches\b|\bglass in (?:my|the|our)\b|\bherid[oa]s?\b|\bblesse(?:e|s)?\b|\bverletzt\b/,
  },
  {
    cue: 'safety',
    pattern:
      /\bunsafe\b|\bdangerous\b|\bhazard(?:ous)?\b|\b(?:smoke|sparks|flames?) (?:came|coming|poured|pouring|billowing) (?:out|from)\b|\b(?:caught|catch|catches) (?:on )?fire\b|\bburst into flames\b|\bexploded\b|\bgas leak\b|\bsmell(?:ed|s)? (?:of )?gas\b|\bcarbon monoxide\b|\bexposed wir(?:es|ing)\b|\belectric(?:al)? shock\b|\b(?:saw|found|there (?:was|were|are|is)|with|had|has|have) (?:a |an |some |two |three )?(?:rats?|mice|cockroach(?:es)?|roach(?:es)?|bed ?bugs?|maggots?)\b|\b(?:rats?|mice|cockroach(?:es)?|roach(?:es)?|bed ?bugs?|maggots?) (?:in|on|running|crawling|everywhere)\b|\bhealth (?:code|hazard|risk|violation)s?\b|\bpeligros[oa]\b|\bdangereu(?:x|se)\b|\bgefahrlich\b|\bratten?\b|\bcafards?\b|\bcucarachas?\b/,
  },
  {
    cue: 'legal',
    pattern:
      /\b(?:my|our) (?:lawyers?|attorneys?|solicitors?|legal team)\b|\b(?:contact(?:ing|ed)?|call(?:ing|ed)?|speak(?:ing)? (?:to|with)|spoke (?:to|with)|talk(?:ing|ed)? to|consult(?:ing|ed)?|get(?:ting)?|hire|hiring|instruct(?:ing|ed)?|involv(?:e|ing)|see(?:ing)?|went to|go(?:ing)? to|ask(?:ing|ed)?|passed (?:this|it) to|forward(?:ed|ing)? (?:this|it) to|email(?:ed)?|in touch with) (?:a|an|my|our|the)? ?(?:lawyers?|attorneys?|solicitors?)\b|\b(?:lawyers?|attorneys?|solicitors?) (?:will|'ll|are (?:now )?involved|involved|have been (?:contacted|instructed|informed))\b|\b(?:will|going to|gonna|i'?ll|we'?ll|could|should|plan to|intend to|threaten(?:ed|ing)? to|consider(?:ing)?|thinking of) (?:sue|suing)\b|\bsu(?:ing|ed) (?:you|them|the|your|this)\b|\bsue (?:you|them|the|your|this)\b|\blaw ?suit\b|\blegal action\b|\bsmall claims\b|\b(?:take|taking) (?:you|this|them) to court\b|\bsee you in court\b|\bclass action\b|\b(?:mi|nuestro|nuestra|mis) abogad[oa]s?\b|\b(?:hablar con|contactar con|llamar a|consultar a|acudir a|lo siguiente sera el|pasar(?:lo|e)? al?) (?:un |una |el |mi )?abogad[oa]\b|\bdenuncia\w*\b|\b(?:mon|notre|mes|nos) avocats?\b|\b(?:contacte\w*|consulte\w*|prendre|appeler|voir) (?:un|mon|notre) avocat\b|\bporter plainte\b|\banwalt\b|\bklage\b|\bverklagen\b/,
  },
  {
    cue: 'discrimination',
    pattern:
      /\bdiscriminat\w*|\bracis[tm]\w*|\bsexis[tm]\w*|\bhomophob\w*|\btransphob\w*|\bableis[tm]\w*|\bbigot\w*|\bbecause (?:i'?m|i am|we'?re|we are|he'?s|she'?s|they'?re|of my|of our) (?:black|gay|lesbian|trans|disabled|a woman|muslim|jewish|asian|latino|latina|hispanic|old|in a wheelchair|pregnant|skin|race|religion|accent|disability|wheelchair|hijab|turban)\b|\brefused (?:to serve|service to) (?:me|us)? ?because\b|\bdiscrimin\w*\b|\bracista\b|\brassis(?:te|me)\b|\brassis(?:tisch|mus)\b/,
  },
  {
    cue: 'press',
    pattern:
      /\b(?:go(?:ing)?|went|contact(?:ing|ed)?|call(?:ing|ed)?|tell(?:ing)?|writ(?:e|ing) to|talk(?:ing)? to|speak(?:ing)? to|reach(?:ing)? out to) (?:to )?(?:the )?(?:press|media|newspapers?|local news|news|journalists?|reporters?|tv)\b|\bgo(?:ing|es)? viral\b|\bpost(?:ing)? (?:this|it) everywhere\b|\btell(?:ing)? everyone\b|\b(?:expose|exposing|name and shame|naming and shaming)\b|\b(?:a la|los) (?:prensa|periodistas|medios)\b|\b(?:a la|aux) (?:presse|journalistes|medias)\b|\ban die (?:presse|zeitung|medien)\b/,
  },
  {
    // Telling everyone online is a threat only in a complaint ("posting this on Instagram!" can be praise).
    cue: 'press',
    negativeOnly: true,
    pattern: /\b(?:post|posting|share|sharing|put|putting|review|reviewing|warn|warning)\b[^.!?]{0,30}\b(?:social media|facebook|twitter|tiktok|instagram|yelp|trustpilot|google reviews?|reddit|tripadvisor)\b/,
  },
  {
    cue: 'fraud',
    pattern:
      /\bfraud\w*|\bscam(?:med|mers?|s)?\b|\bstole(?:n)? (?:my|our|money|card)\b|\bunauthori[sz]ed (?:charges?|transactions?|payments?|debits?|purchases?)\b|\bidentity theft\b|\bcharged (?:my card |me )?without (?:my )?(?:permission|consent|authori[sz]ation)\b|\bchargeback\b|\bfraude\b|\bestafa\b|\barnaque\b|\bbetrug\b|\babzocke\b/,
  },
  {
    cue: 'data-leak',
    pattern:
      /\bdata (?:breach|leak)\b|\bprivacy (?:breach|violation)\b|\b(?:leaked|exposed|shared|sold) my (?:data|details|information|address|email|phone|card)\b|\bmy (?:personal )?(?:data|details|information|card details) (?:was|were|has been|have been|got) (?:leaked|exposed|shared|sold|stolen|hacked)\b|\bsomeone else'?s [\w' -]{0,36}?\b(?:details|data|account|invoice|address|addresses|phone|email|card|personal|information|info|receipt|records?)\b|\bgdpr\b|\bhacked\b(?! off)|\bfuga de datos\b|\bfuite de donnees\b|\bdatenleck\b|\bdatenschutz(?:verstoss|verletzung|panne)\w*/,
  },
];

/*
 * Trigger words: a pattern can only match a text that has one of its trigger words (a whole token,
 * or a prefix when it ends in `*`; `#num` is any token starting with a digit, like "45min"). The
 * classifier tries only the patterns a text triggers. test/unit/classifier-triggers.test.ts checks
 * over thousands of texts that this never skips a match. One entry per pattern, in order.
 */
const TIME = 'min* hour* hr hrs h day days week* month* #num';

/** Trigger words of COMPLAINT_PATTERNS, by index. */
const BASE_COMPLAINT_TRIGGERS: string[] = [
  `waited waiting wait sat stood queued line hold kept took take takes taking & ${TIME}`,
  `wait waiting delay late hold line queue food order drink drinks table meal bag bags luggage & ${TIME}`,
  'hour* forever ages long waiting',
  'still',
  'wrong late broken missing cold delayed cancelled canceled forgot forgotten lost overcharged charged & again second twice every',
  'time again happening',
  'charged billed debited double* overcharged extra hidden',
  'refund money',
  "never haven't havent have hasn't hasnt has didn't didnt did & arrived arrive came showed received got delivered shipped called replied responded answered heard come shown been",
  'missing',
  'broken damaged cracked smashed crushed squashed dented torn ripped leaking defective faulty stale cold raw undercooked burnt expired mouldy moldy off rotten filthy dirty late wrong missing incomplete empty soggy chipped scratched shattered snapped bent stained wilted melted scuffed',
  'wrong ordered asked paid',
  'stopped quit ceased work working charge charging turn fit fits connect load open close hold last stay match pair sync fix job maintain broke apart arrival',
  'no nobody & one body answers answer answered called calls replied replies responded responds helped helps came cares showed picked got response reply call callback follow update updates explanation apology help information info',
  'hung rude ignored yelled shouted laughed kept put passed',
  'late delayed cancelled canceled postponed rescheduled flightled missed',
  'lost luggage bag bags baggage suitcase',
  'hair hairs bug bugs fly flies cockroach cockroaches glass plastic metal wire mould mold worm worms insect insects bone bones band-aid bandaid nail staple',
  'why',
  'no zero lacked lacking lacks without & instruction instructions flavor flavour taste seasoning reception signal service help option options information info explanation apology water napkin napkins room update updates wifi wi-fi power sound volume hot heat heating ac air salt sauce manager staff communication customer',
  'less',
  'yet',
  `past after behind late overdue delayed delay delays wait layover hold holds & ${TIME}`,
  'back again soon return recommend reccommend recomend your last never done another different other someone competitor',
  'better more below',
  'too',
  "can't cant cannot couldn't couldnt could unable able impossible way & access find get log login sign check open reach use book change transfer load hear talk connect print upload eat sleep sit pair charge stay hold fit download install make pay cancel speak contact figure stand wear understand work",
  'site website app system server servers page link line lines email emails',
  `been last past over almost nearly about more & ${TIME}`,
  'never',
  'spend take save & your',
];

/** Trigger words of COMPLAINT_PATTERNS, by index. */
export const COMPLAINT_TRIGGERS: string[] = [...BASE_COMPLAINT_TRIGGERS, ...FEEDBACK_PATTERNS_EN.map(({ triggers }) => triggers)];

/** Trigger words of SARCASM_PATTERNS, by index (the first is anchored at the sentence start). */
export const SARCASM_TRIGGERS: string[] = [
  'great perfect fantastic wonderful awesome brilliant lovely nice excellent terrific super amazing love thanks thank cool fabulous splendid',
  'love loving enjoy enjoying thanks thank nothing appreciate appreciated & waiting sitting being delay wait standing paying spending another',
  'thanks thank',
  'way well good great nice bravo kudos congrats congratulations & again another losing cancelling canceling delay delaying delayed late lost broken ruin ruined ruining nothing no never wrong',
  'sarcasm not s yeah much needed',
  'great best amazing fantastic wonderful excellent stellar top',
];

/** Trigger words of URGENT_PATTERNS, by index. */
const BASE_URGENT_TRIGGERS: string[] = [
  'poisoning poisoned sick ill vomit* threw throwing diarrh* stomach upset hospitali* hospital emergency er allergic anaphyla* epipen salmonella coli listeria norovirus intoxica* malade malades lebensmittelvergiftung erbrochen krank ubel',
  'injur* hurt cut burn* broke chipped cracked sprained twisted slipped fell tripped bleeding stitches glass herid* blesse* verletzt',
  'unsafe dangerous hazard* smoke sparks flame flames caught catch catches burst exploded fire gas carbon exposed electric* rat rats mice cockroach* roach* bed bedbug* maggot* health peligros* dangereu* gefahrlich ratte ratten cafard* cucaracha*',
  'lawyer* attorney* solicitor* legal sue suing sued law lawsuit small court class abogad* denuncia* avocat avocats plainte anwalt klage verklagen',
  'discrimin* racis* sexis* homophob* transphob* ableis* bigot* because refused rassis*',
  'press media newspaper newspapers news journalist journalists reporter reporters tv viral everywhere everyone expose exposing shame shaming prensa periodistas medios presse journalistes medias zeitung medien',
  'social facebook twitter tiktok instagram yelp trustpilot google reddit tripadvisor',
  'fraud* scam* stole stolen unauthori* identity charged chargeback fraude estafa arnaque betrug abzocke',
  'data privacy leaked exposed shared sold someone gdpr hacked fuga fuite datenleck datenschutz*',
];

/** Urgency cue patterns, in the order of URGENT_TRIGGERS. */
export const URGENT_PATTERNS: UrgentPattern[] = [...BASE_URGENT_PATTERNS, ...URGENT_MORE.map(({ triggers: _, ...pattern }) => pattern)];

/** Trigger words of URGENT_PATTERNS, by index. */
export const URGENT_TRIGGERS: string[] = [...BASE_URGENT_TRIGGERS, ...URGENT_MORE.map(({ triggers }) => triggers)];
