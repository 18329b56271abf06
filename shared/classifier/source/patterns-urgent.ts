import type { UrgentCue } from '#shared/domain/classification.ts';

/**
 * Urgency cues told without the obvious word, in English, Spanish, French and German: hygiene a
 * customer saw, a hazard pointed out and ignored, an allergic reaction or a hospital visit, damp or
 * mould with a health effect, a slur or a remark about accent, race, religion or disability, a
 * reporter asking for comment, a report to a regulator, staff damaging a customer's property, a
 * fall. Written by the Earshot team; folded text (see `fold`). `triggers` lists words one of which
 * every match contains (see TriggerIndex in patterns.ts).
 */
const FOOD =
  'food|soup|salad|meal|dish|plate|plates|bowl|sandwich|sandwiches|burger|bun|buns|pastries|biscuits|cookies|doughnuts|donuts|buffet|meat|cheese|fruit|samples|pizza|pasta|curry|rice|bread|loaf|roll|cake|cakes|pie|pastry|muffin|croissant|drink|coffee|tea|cup|pint|juice|smoothie|water|dessert|ice cream|chips|fries|steak|chicken|fish|order|takeaway|noodles|sauce|quiche|scone|bagel|wrap|counter|tray|dough|cutlery|glass|glasses|food prep|kitchen|display|breakfast|lunch|dinner|starter|main|burrito|taco|kebab|sushi|omelette|eggs|toast|porridge|cereal|yoghurt|yogurt';

const FOREIGN_BODY = String.raw`(?:long |black |grey |blonde |dark |short |dead |live |tiny |little |small |big |huge |sharp |a piece of |a bit of |a shard of |a chunk of |bits of |pieces of )?(?:hairs?|flies|fly|insects?|bugs?|maggots?|worms?|slugs?|snails?|glass|plasters?|band-?aids?|fingernails?|nail|staples?|bristles?|cockroach(?:es)?|beetles?|weevils?|larvae|feathers?|mou?ld)`;

export const URGENT_MORE: Array<{ cue: UrgentCue; pattern: RegExp; triggers: string }> = [
  // Hygiene a customer saw.
  {
    cue: 'safety',
    pattern: new RegExp(
      String.raw`\b(?:sneez|cough|spat|spit|lick(?:ed|ing)|wip(?:ed|ing) (?:his|her|their) nose|pick(?:ed|ing)? (?:his|her|their) nose)\w*\b[^.!?]{0,60}\b(?:${FOOD}|plating|plated|serving)\b|\b(?:without|didn'?t|did not|never|no) (?:even )?(?:wash(?:ing)?|washed) (?:his|her|their) hands\b|\bpick(?:ed|ing|s)? [\w' -]{0,48}?\b(?:up )?(?:off|from) the floor and (?:put|served|gave|handed|used|back)\b|\bdropped (?:it|\w+ \w+|\w+) on the floor and (?:put|served|gave|handed|used)\b`,
    ),
    triggers: 'sneeze sneezed sneezes sneezing cough coughed coughing coughs spat spit spitting licked licking wiped wiping picked picking pick picks wash washing washed dropped',
  },
  {
    cue: 'safety',
    pattern: new RegExp(
      String.raw`\b${FOREIGN_BODY} [\w' -]{0,24}?\b(?:in|inside|into|on top of|stuck to|baked into|cooked into|floating in|at the bottom of) (?:my|the|our|his|her|their|a|one of the|one of my)\b[\w' -]{0,36}? (?:${FOOD})\b|\b(?:${FOOD}) [\w' -]{0,24}?\b(?:had|with|contained|containing|came with) (?:a |an |some |two |three )?${FOREIGN_BODY}\b|\b(?:a |the |some |little |tiny |fruit |dead )flies\b|\b(?:flies|fruit flies|wasps|insects|bugs|ants|maggots|mice|rats|cockroaches|roaches) (?:all over|everywhere|crawling|buzzing around|on the (?:food|cakes?|counter|display))\b|\b(?:found|there was|there were|with) (?:a |an |some )?[\w' -]{0,36}?\b(?:hair|hairs|glass|plaster|band-?aid|fingernail) (?:in|on|inside)\b`,
    ),
    triggers:
      'hair hairs flies fly insect insects bug bugs maggot maggots worm worms slug slugs snail snails glass plaster plasters band-aid band-aids bandaid fingernail fingernails nail staple staples bristle bristles cockroach cockroaches beetle beetles weevil weevils larvae feather feathers mould mold wasps ants mice rats roaches',
  },
  {
    cue: 'safety',
    pattern:
      /\b(?<!mickey )(?:a |the |one |two |some |big |huge )?(?:mouse|mice|rats?|rodents?|vermin)\b [\w' -]{0,24}?\b(?:run|ran|running|scurr\w*|crawl\w*|dart\w*|in|on|behind|under|across|along|near|by|droppings|poo|infestation)\b|\b(?:saw|seen|spotted|noticed|watched|found) (?:a |an |the |some |two |three )?(?:mouse|mice|rats?|rodents?|vermin)\b|\b(?:mouse|rat|rodent) droppings\b|\bpest (?:problem|infestation)\b/,
    triggers: 'mouse mice rat rats rodent rodents vermin pest',
  },
  // A hazard pointed out and ignored.
  {
    cue: 'safety',
    pattern:
      /\b(?:some(?:one|body)|people|a child|kids|children|a kid|an? (?:old|elderly) (?:person|lady|man)|customers?|you)\b [\w' -]{0,24}?\b(?:will|could|is going to|are going to|going to|gonna|might|would|'ll) [\w' -]{0,16}?\b(?:get (?:hurt|injured|killed|electrocuted|burnt|burned)|hurt (?:themselves|himself|herself)|fall|trip|slip|breaks? (?:a|their|his|her) [\w' -]{0,16}?\b(?:neck|leg|hip|arm|bones?|ankle|wrist)|be (?:killed|hurt|injured)|die)\b|\baccident waiting to happen\b|\bdeath ?trap\b|\bhealth and safety (?:risk|hazard|nightmare|issue|breach|violation)\b|\b(?:nearly|almost) (?:fell (?:down|over|through|off)|went (?:over|through|flying)|tripped|slipped|electrocuted|set (?:alight|on fire)|choked|burned|burnt)\b|\b(?:bare|exposed|live|loose|frayed|hanging|sparking) (?:wires?|wiring|cables?|electrics?|sockets?)\b|\b(?:wires?|wiring|cables?) (?:hanging|sticking|poking) out\b|\bsparks (?:came|coming|flew|flying)\b|\bgot (?:an electric |a )shock\b|\b(?:fire (?:exits?|doors?|escape)|emergency exits?) [\w' -]{0,36}?\b(?:blocked|locked|chained|obstructed|padlocked)\b|\b(?:blocked|locked|blocking|obstructing|in front of|stacked (?:in front of|against)|taped across) [\w' -]{0,24}?\b(?:the )?(?:fire (?:exits?|doors?|escape)|emergency exits?)\b|\b(?:no|without|broken|not working) (?:working )?(?:smoke alarms?|fire alarms?|fire extinguishers?|carbon monoxide alarms?)\b|\b(?:tear|hole|rip|gap) in (?:the )?(?:safety )?(?:net|netting)\b|\b(?:broken|loose|wobbly|rotten|missing|collapsed|collapsing) [\w' -]{0,16}?\b(?:railings?|banisters?|handrails?|balcony|balustrade|floorboards?|stair|step|steps)\b[^.!?]{0,80}\b(?:told|mentioned|reported|pointed|flagged|warned|nobody|no one|nothing|still|weeks|months|ignored|hurt)\b/,
    triggers:
      'hurt injured killed electrocuted burnt burned themselves himself herself fall trip slip break breaks die accident death deathtrap health nearly almost wires wire wiring cables cable electrics sockets socket sparks shock fire emergency alarm alarms extinguisher extinguishers net netting railing railings banister banisters handrail handrails balcony balustrade floorboard floorboards stair step steps',
  },
  // An allergic reaction, a hospital visit, illness after eating, damp or mould with a health effect.
  {
    cue: 'illness',
    pattern:
      /\b(?:throat|tongue|lips?|face|mouth|eyes?) [\w' -]{0,24}?\b(?:swell\w*|swole\w*|closing|closed up|tight\w*|puff\w*|tingl\w*|itch\w*|blew up)\b|\b(?:swelled|swollen|puffed) up\b|\b(?:came|come|broke|broken) out in (?:hives|a rash|spots|welts|blotches)\b|\bhives\b|\b(?:use|used|using|needed|grab|grabbed|inject\w*) (?:my|his|her|their|the) (?:epi-?pen|pen|inhaler|antihistamines?)\b|\bantihistamines?\b|\b(?:allerg\w*|intoleran\w*|coeliac|celiac|nut|nuts|peanuts?|gluten|dairy|lactose|shellfish|sesame|prawns?|shrimp|mustard|celery|sulphites?)\b[\s\S]{0,120}\b(?:reaction|swell\w*|hives|rash|wheez\w*|couldn'?t breathe|struggl\w* to breathe|ill|unwell|vomit\w*|hospital|a&e|epi-?pen|ambulance)\b|\b(?:spent|ended up|landed|wound up|was|were|been|rushed|taken|went|going) [\w' -]{0,36}?\b(?:in|at|on|to) (?:a&e|the er|the emergency room|urgent care|casualty|hospital|a drip|the hospital)\b|\b(?:call(?:ed)?|needed|in) an ambulance\b|\bon a drip\b|\b(?:up all night|all night|the whole night|all weekend|for days) (?:being sick|vomiting|throwing up|with (?:stomach|food poisoning|diarrh))|\bbeing (?:violently )?sick\b(?! of)|\b(?:ill|unwell|poorly|queasy|nauseous) (?:after|since|from) (?:the|our|my|your|eating|having|lunch|dinner|breakfast|that|this)\b|\b(?:tummy|stomach) (?:bug|cramps|pains?|ache|upset)\b|\b(?:mou?ld|damp|mildew|musty|condensation)\b[\s\S]{0,160}\b(?:asthma|wheez\w*|cough\w*|chest|breathing|headaches?|rash\w*|sinus\w*|sore throat|infection|inhaler|health)\b|\b(?:asthma|wheez\w*|cough\w*|chest infection|headaches?|rash)\b[\s\S]{0,160}\b(?:mou?ld|damp|mildew|musty)\b/,
    triggers:
      'swell* swole* closing closed tight* puff* tingl* itch* blew swelled swollen puffed hives rash spots welts blotches epi-pen epipen pen inhaler antihistamine antihistamines allerg* intoleran* coeliac celiac nut nuts peanut peanuts gluten dairy lactose shellfish sesame prawn prawns shrimp mustard celery sulphite sulphites e er emergency urgent casualty hospital drip ambulance sick vomiting throwing stomach poisoning diarrh* ill unwell poorly queasy nauseous tummy mould mold damp mildew musty condensation asthma wheez* cough* chest headache headaches',
  },
  // Falls and harm to the body (or a pet).
  {
    cue: 'injury',
    pattern:
      /\b(?:slipped|slipping|slip|tripped|tripping|trip|fell|fallen|falling|went flying|went over|came off|lost (?:my|his|her) footing)\b [\w' -]{0,36}?\b(?:on|over|down|off|from|in) (?:the|your|a|an|some|that|this)? ?[\w' -]{0,24}?\b(?:floor|step|steps|stairs?|staircase|tiles?|ice|spillage|spill|puddle|mat|rug|cable|wire|kerb|curb|pavement|path|ramp|decking|ladder|chair|stool|trampoline|patch|grease|oil)\b|\b(?:burn\w*|scald\w*|cut|nicked|gashed?|bruised?|sprained|fractured|broke|broken|cracked|chipped|twisted|dislocated|injured|hurt|bleeding|blistered|bloody|landed on) [\w' -]{0,24}?\b(?:my|his|her|their|our|your|a|both) [\w' -]{0,16}?\b(?:scalp|ears?|eyes?|face|head|neck|nose|lips?|mouth|tongue|gums?|tooth|teeth|jaw|arms?|elbows?|wrists?|hands?|fingers?|thumbs?|legs?|knees?|ankles?|foot|feet|toes?|back|hips?|ribs?|shoulders?|skin|paws?)\b|\bgash\b|\bconcussion\b|\b(?:rushed|taken|at|to) the vets?\b|\bemergency vet\b|\b(?:was|got|been) (?:hit|bitten|attacked|run over|knocked (?:down|over))\b/,
    triggers:
      'slipped slipping slip tripped tripping trip fell fallen falling went came lost burn* scald* cut nicked gash gashed bruise bruised sprained fractured broke broken cracked chipped twisted dislocated injured hurt bleeding blistered bloody landed concussion vet vets hit bitten attacked run knocked',
  },
  // A regulator, legal advice, a claim; staff damaging a customer's property.
  {
    cue: 'legal',
    pattern:
      /\b(?:report(?:ed|ing)?|complain(?:ed|ing)?|contact(?:ed|ing)?|writ(?:e|ing)|written|call(?:ed|ing)?|inform(?:ed|ing)?|notif(?:y|ied|ying)|complaint) [\w' -]{0,36}?\b(?:to |with )?(?:the )?(?:local )?(?:environmental health|trading standards|health (?:department|inspectors?|authorit(?:y|ies)|board)|food standards(?: agency)?|fsa|council|ombudsman|regulator|authorities|police|consumer (?:protection|rights)|citizens advice|bbb|better business bureau|ftc|fda|advertising standards|asa|cqc|licensing)\b|\b(?:environmental health|trading standards|the ombudsman|the police|the health inspector|the regulator|the authorities|citizens advice|food standards|the council)\b [\w' -]{0,24}?\b(?:will|shall|are going to|is going to|gonna|would|should|have been|has been|are|is) (?:be )?(?:hearing|hear|know|informed|told|contacted|involved|getting|receiving|notified)\b|\blegal (?:advice|team|letter|proceedings|claim)\b|\bletter before action\b|\b(?:file|issue|make|lodge|start|bring|filing|issuing) (?:a )?(?:court )?claim\b|\b(?:county|small claims) court\b|\b(?<!\b(?:i|i'?ve|i have|i had|i'?d|we|we'?ve|we have|we had|we'?d|accidentally|kids|son|daughter|toddler|dog) )(?:dropped|broke|smashed|cracked|scratched|scraped|scuffed|dented|gouged|ripped|tore|stained|bleached|burnt|burned|scorched|shrunk|shrank|ruined|damaged|chipped|snapped|bent|flooded|marked|spilt|spilled|splashed|sprayed|reversed into|backed into|drove into|crashed into|bumped into|ran into) [\w' -]{0,48}?\b(?:my|our|his|her|their) [\w' -]{0,24}?\b(?:car|van|bike|mirror|floors?|carpet|sofa|walls?|doors?|dress|suit|coat|jacket|shirt|clothes|laptop|phone|tv|television|table|furniture|piano|cabinet|wardrobe|dresser|fridge|washing machine|worktops?|kitchen|bathroom|ceiling|windows?|fence|garden|lawn|paintwork|bumper|wheels?|alloys?|rims?|tyres?|boiler|property|belongings|luggage|suitcase|ring|watch|glasses|frame|painting|rug|heirloom|antique|cabinet|chest of drawers)\b|\b(?:my|our) [\w' -]{0,24}?\b(?:car|van|bike|mirror|floor|carpet|sofa|dress|suit|coat|laptop|phone|furniture|piano|wardrobe|paintwork|property|belongings|luggage|suitcase) (?:was|were|has been|have been|got|came back|is now) [\w' -]{0,16}?\b(?:damaged|scratched|dented|ruined|broken|smashed|stained|shrunk|burnt|scorched|ripped|torn|bleached|scraped)\b/,
    triggers:
      'environmental trading department inspector inspectors authority authorities board standards fsa council ombudsman regulator police consumer citizens bbb bureau ftc fda advertising asa cqc licensing legal letter claim court dropped broke smashed cracked scratched scraped scuffed dented gouged ripped tore stained bleached burnt burned scorched shrunk shrank ruined damaged chipped snapped bent flooded marked spilt spilled splashed sprayed reversed backed drove crashed bumped ran broken torn',
  },
  {
    cue: 'discrimination',
    pattern:
      /\bslurs?\b|\bn-word\b|\b(?:mock\w*|mimick?\w*|imitat\w*|laugh\w* at|made fun of|copied|tak(?:ing|e) the mick(?:ey)? out of|took the mick(?:ey)? out of) [\w' -]{0,24}?\b(?:my|his|her|their|our) (?:accent|english|stammer|stutter|disability|wheelchair|hearing aids?|skin|colou?r|religion|hijab|turban|headscarf|kippah|yarmulke|weight|pronouns|name)\b|\b(?:because of|looked at|about|comments? about|remarks? about|jokes? about) (?:my|his|her|their|our) (?:[\w']+ )?(?:skin colou?r|race|religion|hijab|headscarf|turban|accent|disability|wheelchair|sexuality|ethnicity|nationality|faith|guide dog)\b|\bnot (?:your|her|his|their|our|my) (?:sort|kind|type) of place\b|\bgo back to (?:your (?:own )?country|where you came from)\b|\bforeigners?\b (?:who|should|go back|like you|aren'?t)|\bshould learn (?:english|to speak)\b|\b(?:refused|wouldn'?t|would not|didn'?t|did not|won'?t) [\w' -]{0,24}?\b(?:serve|cut|seat|let (?:us|me|him|her|them) in|allow|admit)\b[^.!?]{0,60}\b(?:because|race|skin|wheelchair|guide dog|hijab|accent|disabled|gay|trans|pregnant|muslim|jewish|black|asian|gypsy|traveller|mixed race)\b|\bwe don'?t do (?:that|this|your) (?:kind|type|sort) of hair\b|\b(?:mixed race|black|asian|muslim|jewish|gay|trans|disabled|gypsy|traveller)\b[^.!?]{0,60}\b(?:refused|turned away|told to leave|asked to leave|not served|wouldn'?t serve)\b|\b(?:wheelchair|guide dog|walking stick|mobility scooter)\b[^.!?]{0,60}\b(?:gets? in the way|in the way|not allowed|refused|turned away|at the back|nuisance|told to (?:sit|move|wait))\b|\b(?:hijab|headscarf|niqab|burqa|turban|kippah|yarmulke)\b[^.!?]{0,80}\b(?:told|refused|wouldn'?t|stared|comment\w*|remark\w*|sort of place|leave|take it off)\b/,
    triggers:
      'slur slurs n-word mock* mimic* mimick* imitat* laugh laughs laughed laughing fun copied mick mickey colour color race religion hijab turban headscarf kippah yarmulke accent disability wheelchair sexuality ethnicity nationality faith guide place country came foreigner foreigners learn because disabled gay trans pregnant muslim jewish black asian gypsy traveller mixed hair walking mobility niqab burqa stammer stutter pronouns',
  },
  {
    cue: 'press',
    pattern:
      /\b(?:i'?m|i am|we'?re|we are|as) (?:a |an )?(?:journalist|reporter|correspondent|producer|researcher|editor)\b[\s\S]{0,300}\b(?:comment|respond|statement|complain\w*|allegation\w*|incident|contacted us|in touch|story|publish\w*|fire|closure)\b|\b(?:journalist|reporter|correspondent|editor|newsdesk|news desk) (?:at|for|from|with|on) (?:the |a )?\w+[\s\S]{0,300}\b(?:comment|respond|statement|complain\w*|allegation\w*|incident|contacted us|in touch|my experience|story|publish\w*)\b|\brequest for comment\b|\b(?:like|care|wish|want) to (?:comment|respond|give a statement|make a statement)\b|\b(?:local|the) (?:paper|newspaper|news|press|radio|tv)\b (?:has|have|are|is|were|was) (?:been )?(?:in touch|contacted|interested|asking|calling|running|doing a story)\b|\b(?:sent|sending|send|forwarded|passed|given|gave|told) [\w' -]{0,36}?\bto (?:the )?(?:press|papers?|newspapers?|local news|news|media|journalists?|reporters?|watchdog|bbc|itv|radio|chronicle|gazette|echo|evening post|times|herald|daily mail|the sun|mirror|guardian|telegraph|standard|advertiser)\b/,
    triggers: 'journalist reporter correspondent producer researcher editor newsdesk desk comment respond statement paper papers newspaper newspapers news press radio tv media journalists reporters watchdog bbc itv chronicle gazette echo evening times herald daily sun mirror guardian telegraph standard advertiser',
  },
  {
    cue: 'fraud',
    pattern:
      /\b(?:used|cloned|skimmed|copied) (?:my|our) (?:card|card details|details|bank details)\b|\bcard (?:was |got |has been )?(?:cloned|skimmed|compromised|used (?:fraudulently|elsewhere|by someone))\b|\b(?:charged|billed|invoiced) (?:me |us )?for\b[^.!?]{0,50}\b(?:never|didn'?t|did not|wasn'?t|weren'?t|not) (?:even )?(?:fitted|fit|done|do|provided|provide|delivered|deliver|used|installed|install|carried out|happened|replaced|replace|ordered|supplied|changed)\b|\bno such (?:business|company|shop|address)\b|\bfake (?:business|company|website|shop|reviews?|invoice)\b|\b(?:purchases?|payments?|transactions?|charges?) [\w' -]{0,36}?\b(?:i|we) (?:never|didn'?t|did not) (?:make|made|authori[sz]e)\b/,
    triggers: 'card details charged billed invoiced such fake purchase purchases payment payments transaction transactions charge charges',
  },
  {
    cue: 'data-leak',
    pattern:
      /\b(?:another|other) (?:customer|person|client|guest|patient)(?:'s|s'?) [\w' -]{0,36}?\b(?:names?|details|address|addresses|phone|numbers?|email|data|card|information)\b|\b(?:full|whole|entire|long) card number\b|\b(?:cc'?d|cc|copied in|carbon copied|bcc) [\w' -]{0,36}?\b(?:every|all|other)\b|\b(?:can|could) see [\w' -]{0,48}?\b(?:email addresses|home addresses|addresses|phone numbers|card numbers)\b/,
    triggers: 'customer\'s person\'s client\'s guest\'s patient\'s customers clients guests patients persons card cc cc\'d ccd bcc copied carbon addresses numbers',
  },
  // Spanish.
  {
    cue: 'safety',
    pattern:
      /\b(?:estornud|tosi|tosio|tosiendo|tose)\w*\b[^.!?]{0,60}\b(?:comida|plato|platos|pan|tarta|bocadillo|barra|mostrador|bandeja|cocina|cocinando)\b|\bsin lavarse las manos\b|\b(?:pelo|pelos|cabello|mosca|moscas|insecto|insectos|bicho|bichos|cristal|cristales|tirita|cucaracha|gusano|gusanos)\b [\w' -]{0,24}?\b(?:en|dentro de) (?:la|el|mi|mis|las|los|una|un|nuestra|nuestro)\b|\b(?:rata|ratas|raton|ratones|cucarachas?)\b|\balguien se va a (?:caer|hacer dano|matar|lesionar|romper)\b|\balguien va a (?:caerse|salir herido|hacerse dano)\b|\bcables (?:sueltos|pelados|al aire)\b|\bsalida de emergencia (?:bloqueada|cerrada|tapada)\b|\bbarandilla [\w' -]{0,16}?\b(?:suelta|rota)\b/,
    triggers: 'estornud* tosi tosio tosiendo tose lavarse pelo pelos cabello mosca moscas insecto insectos bicho bichos cristal cristales tirita cucaracha cucarachas gusano gusanos rata ratas raton ratones alguien cables salida barandilla',
  },
  {
    cue: 'illness',
    pattern:
      /\b(?:acabe|acabamos|acabo|termine|terminamos|fui|fuimos|llevaron|llevamos|ingresad[oa]s?|ingresaron) [\w' -]{0,24}?\b(?:en|a) (?:urgencias|el hospital|la clinica)\b|\burgencias\b|\breaccion alergica\b|\b(?:me|le|nos|les) (?:dio|dieron) (?:una )?reaccion\b|\bdiarrea\b|\bvomitos?\b|\b(?:se me|se le|se nos) hincho\b|\bronchas\b|\bmoho\b[\s\S]{0,100}\b(?:asma|tos|alergia|dolor de cabeza|respirar)\b/,
    triggers: 'acabe acabamos acabo termine terminamos fui fuimos llevaron llevamos ingresado ingresada ingresados ingresadas ingresaron urgencias reaccion diarrea vomito vomitos hincho ronchas moho',
  },
  {
    cue: 'injury',
    pattern: /\b(?:resbale|resbalo|resbalamos|me cai|se cayo|tropece|tropezo|me queme|me quemo|me corte)\b|\b(?:me he|se ha|me ha|le ha) (?:roto|quemado|cortado)\b|\broto (?:la|el) (?:muneca|brazo|pierna|tobillo|cadera|diente|nariz)\b/,
    triggers: 'resbale resbalo resbalamos cai cayo tropece tropezo queme quemo corte roto',
  },
  {
    cue: 'legal',
    pattern:
      /\b(?:reclamacion|queja|denuncia) [\w' -]{0,24}?\b(?:en|a|ante) (?:consumo|la omic|sanidad|el ayuntamiento|la policia)\b|\bhoja de reclamaciones\b|\b(?:rayaron|rompieron|estropearon|mancharon|danaron|encogieron|arruinaron|rompio|rayo|estropeo|mancho|dano|quemaron|quemo|abollaron|golpearon) [\w' -]{0,36}?\b(?:mi|el|la|mis|los|las|nuestro|nuestra) [\w' -]{0,24}?\b(?:coche|piano|sofa|vestido|suelo|mueble|puerta|pared|armario|traje|chaqueta|abrigo|ropa|mesa|espejo|moto|bici)\b/,
    triggers: 'reclamacion queja denuncia hoja rayaron rompieron estropearon mancharon danaron encogieron arruinaron rompio rayo estropeo mancho dano quemaron quemo abollaron golpearon',
  },
  {
    cue: 'discrimination',
    pattern:
      /\b(?:se burlo|se burlaron|se rio|se rieron|imito|imitaron|burlandose|riendose) [\w' -]{0,24}?\b(?:de )?(?:mi|su|nuestro|nuestra) (?:acento|forma de hablar|silla de ruedas|discapacidad|color|religion|velo|panuelo)\b|\bpor ser (?:gitan[oa]s?|negr[oa]s?|extranjer[oa]s?|gays?|musulman\w*|mor[oa]s?|inmigrantes?|latin[oa]s?|discapacitad\w*|mujer|lesbianas?|trans)\b|\bpor (?:el color de (?:mi|su|nuestra) piel|mi acento|su acento|llevar (?:el )?velo)\b/,
    triggers: 'burlo burlaron rio rieron imito imitaron burlandose riendose ser color acento llevar',
  },
  {
    cue: 'press',
    pattern: /\b(?:soy|como) periodista\b|\bperiodista (?:de|del|en)\b|\b(?:alguna|una) declaracion\b|\b(?:contactado|contacto) con (?:la prensa|el periodico|un periodico)\b/,
    triggers: 'periodista declaracion contactado contacto',
  },
  {
    cue: 'fraud',
    pattern: /\bcompras? que (?:yo )?no (?:hice|realice|habia hecho)\b|\bcargos? (?:no autorizados?|que (?:yo )?no)\b|\b(?:me )?(?:han )?clonado la tarjeta\b/,
    triggers: 'compra compras cargo cargos clonado',
  },
  {
    cue: 'data-leak',
    pattern: /\b(?:datos|nombre|telefono|direccion|correo|email)\b[^.!?]{0,60}\bde (?:otra persona|otro cliente|otros clientes|otra clienta)\b/,
    triggers: 'datos nombre telefono direccion correo email',
  },
  // French.
  {
    cue: 'safety',
    pattern:
      /\b(?:eternu|touss)\w*\b[^.!?]{0,60}\b(?:assiettes?|plats?|nourriture|pain|gateau|comptoir|plateau|cuisine)\b|\bsans (?:se )?laver les mains\b|\b(?:cheveu|cheveux|poil|poils|mouche|mouches|insecte|insectes|verre|pansement|ver|vers|limace|cafard)\b [\w' -]{0,24}?\bdans (?:mon|ma|mes|le|la|les|notre|nos|un|une)\b|\b(?:souris|rats?|cafards?|blattes?|punaises de lit)\b [\w' -]{0,24}?\b(?:a traverse|traversait|courait|dans|sur|partout|en cuisine)\b|\b(?:vu|aperçu|apercu|trouve) (?:une|un|des) (?:souris|rats?|cafards?|blattes?)\b|\bquelqu'un va (?:finir par )?(?:tomber|se blesser|se faire mal|se tuer)\b|\brambarde [\w' -]{0,16}?\b(?:cassee|branlante|descellee)\b|\bfils (?:denudes|electriques (?:a nu|denudes))\b|\bsortie de secours (?:bloquee|encombree|fermee)\b/,
    triggers: 'eternu* touss* laver cheveu cheveux poil poils mouche mouches insecte insectes verre pansement ver vers limace cafard cafards souris rat rats blatte blattes punaises vu apercu trouve quelqu\'un quelqu rambarde fils sortie',
  },
  {
    cue: 'illness',
    pattern:
      /\b(?:fini|finie|finis|termine|terminee|atterri|emmene|emmenee|conduit|conduite|hospitalise|hospitalisee) aux urgences\b|\baux urgences\b|\breaction allergique\b|\bvomi\w*|\bdiarrhee\b|\b(?:ete|etais|etait|etions|etaient|tombe\w*|rendu\w*) malades?\b|\bmoisissures?\b[\s\S]{0,100}\b(?:asthme|toux|allergie|maux de tete|respirer)\b/,
    triggers: 'urgences reaction vomi* diarrhee malade malades moisissure moisissures',
  },
  {
    cue: 'injury',
    pattern: /\b(?:glisse|glissee|glisses|tombe|tombee|chute)\b[\s\S]{0,40}\b(?:sol|marche|escalier|carrelage|trottoir)\b|\b(?:me suis|s'est|se sont) casse\b|\bcasse (?:le|la|les) (?:poignet|bras|jambe|cheville|dent|hanche)\b|\bbrule\w* (?:le|la|les|mon|ma|mes) (?:cuir chevelu|main|bras|visage)\b/,
    triggers: 'glisse glissee glisses tombe tombee chute casse brule*',
  },
  {
    cue: 'legal',
    pattern:
      /\bservices? (?:d'hygiene|sanitaires?|veterinaires)\b|\bdgccrf\b|\brepression des fraudes\b|\bsignale\w* [\w' -]{0,36}?\b(?:aux|a la|au) (?:services|dgccrf|mairie|prefecture|police|gendarmerie)\b|\btribunal\b|\bmise en demeure\b|\b(?:raye|rayee|casse|cassee|abime|abimee|tache|tachee|brule|brulee|retreci|endommage|endommagee|ruine|ruinee|raye) [\w' -]{0,36}?\b(?:ma|mon|mes|la|le|les) [\w' -]{0,36}?\b(?:voiture|commode|piano|robe|canape|sol|parquet|mur|porte|meuble|armoire|table|miroir|costume|manteau)\b/,
    triggers: 'hygiene sanitaire sanitaires veterinaires dgccrf repression signale* tribunal mise raye rayee casse cassee abime abimee tache tachee brule brulee retreci endommage endommagee ruine ruinee',
  },
  {
    cue: 'discrimination',
    pattern:
      /\bmoque\w* [\w' -]{0,16}?\bde (?:mon|son|notre|leur) accent\b|\ba cause de (?:la couleur de (?:sa|ma|leur|notre) peau|(?:mon|son|leur) (?:accent|voile|fauteuil|handicap|origine)|(?:ma|sa|leur) (?:religion|couleur|origine))\b|\bcouleur de peau\b|\b(?:parce que|car) (?:je suis|il est|elle est|nous sommes) (?:noire?s?|arabes?|musulmane?s?|juive?s?|gays?|handicape\w*|etrangere?s?)\b/,
    triggers: 'moque* cause couleur parce car',
  },
  {
    cue: 'press',
    pattern: /\bjournaliste (?:a|au|pour|chez|de)\b|\b(?:souhaitez|voulez)-vous reagir\b|\bdemande d'(?:interview|entretien)|\bdemande de commentaire\b|\b(?:contacte|alerte|prevenu) (?:la presse|les medias|un journaliste|les journalistes)\b/,
    triggers: 'journaliste souhaitez-vous souhaitez voulez-vous voulez demande contacte alerte prevenu',
  },
  {
    cue: 'fraud',
    pattern: /\bachats? que (?:je n'ai|nous n'avons) jamais (?:faits?|effectues?)\b|\b(?:debits?|prelevements?|paiements?) (?:frauduleux|non autorises?)\b|\bcarte (?:a ete |bancaire a ete )?(?:clonee|piratee)\b/,
    triggers: 'achat achats debit debits prelevement prelevements paiement paiements carte',
  },
  {
    cue: 'data-leak',
    pattern: /\b(?:nom|adresse|telephone|coordonnees|donnees|email)\b[^.!?]{0,60}\b(?:d'un autre client|d'autres clients|d'une autre personne|d'une autre cliente)\b/,
    triggers: 'nom adresse telephone coordonnees donnees email',
  },
  // German.
  {
    cue: 'safety',
    pattern:
      /\b(?:geniest|niest|niesen|geniest|gehustet|hustet|husten|hustete)\b[^.!?]{0,60}\b(?:teller|essen|brot|brotchen|kuchen|theke|tablett|speisen|lebensmittel)\b|\b(?:teller|essen|brot|brotchen|kuchen|theke|speisen)\b[^.!?]{0,60}\b(?:geniest|genieset|gehustet|gespuckt)\b|\bnicht (?:die )?hande gewaschen\b|\bohne (?:sich )?(?:die )?hande zu waschen\b|\b(?:haar|haare|fliege|fliegen|insekt|insekten|kakerlake|glassplitter|glasscherbe|pflaster|wurm|wurmer|made|maden)\b [\w' -]{0,36}?\b(?:in|im) (?:meinem|meiner|meinen|dem|der|unserem|unserer|essen|brotchen|salat|suppe|kuchen|getrank|glas|teller)\b|\b(?:maus|mause|ratte|ratten|kakerlaken?|schaben|ungeziefer)\b [\w' -]{0,36}?\b(?:lief|liefen|rannte|herum|gesehen|in der kuche|im gastraum|uber)\b|\bmausekot\b|\b(?:jemand|einer|keiner) (?:wird|kann|konnte) sich (?:noch )?(?:verletzen|weh tun|das genick brechen)\b|\b(?:wird|kann|konnte) (?:sich )?(?:noch )?(?:mal )?(?:jemand|einer|ein kind) [\w' -]{0,16}?\b(?:verletzen|sturzen|fallen|weh tun)\b|\bgelander [\w' -]{0,16}?\b(?:locker|kaputt|wackelt|wackelig)\b|\boffene (?:kabel|leitungen)\b|\bnotausgang [\w' -]{0,16}?\b(?:versperrt|blockiert|zugestellt|verschlossen)\b|\blebensgefahrlich\b/,
    triggers: 'geniest niest niesen genieset gehustet hustet husten hustete teller essen brot brotchen kuchen theke speisen hande haar haare fliege fliegen insekt insekten kakerlake kakerlaken glassplitter glasscherbe pflaster wurm wurmer made maden maus mause ratte ratten schaben ungeziefer mausekot verletzen weh genick sturzen fallen gelander offene kabel leitungen notausgang lebensgefahrlich',
  },
  {
    cue: 'illness',
    pattern:
      /\b(?:in die|in der|ins|im) (?:notaufnahme|krankenhaus|klinik)\b|\bnotaufnahme\b|\ballergische(?:n)? (?:reaktion|schock)\b|\berbrechen\b|\bdurchfall\b|\bmagen-darm\b|\bubergeben\b|\bschimmel\b[\s\S]{0,100}\b(?:asthma|husten|atemwege|kopfschmerzen|allergie)\b/,
    triggers: 'notaufnahme krankenhaus klinik allergische allergischen erbrechen durchfall magen-darm ubergeben schimmel',
  },
  {
    cue: 'injury',
    pattern: /\bausgerutscht\b|\bgesturzt\b|\bhingefallen\b|\b(?:handgelenk|arm|bein|knochel|hufte|zahn|rippe|nase) [\w' -]{0,16}?\bgebrochen\b|\bgebrochen(?:es|en)? (?:handgelenk|arm|bein)\b|\bverbrannt\b[\s\S]{0,20}\b(?:kopfhaut|hand|haut)\b/,
    triggers: 'ausgerutscht gesturzt hingefallen handgelenk arm bein knochel hufte zahn rippe nase gebrochen gebrochenes gebrochenen verbrannt',
  },
  {
    cue: 'legal',
    pattern:
      /\b(?:gesundheitsamt|ordnungsamt|verbraucherzentrale|gewerbeaufsicht|lebensmittelkontrolle)\b|\banzeige (?:erstatt\w*|gemacht)\b|\brechtliche schritte\b|\bgericht\b|\bmahnbescheid\b|\b(?:auto|wagen|schrank|kommode|klavier|kleid|anzug|boden|parkett|wand|tur|sofa|spiegel|tisch|jacke|mantel)\b[^.!?]{0,40}\b(?:zerkratzt|beschadigt|kaputt gemacht|zerbrochen|ruiniert|eingelaufen|verbrannt|angefahren|zerrissen|fallen (?:lassen|gelassen))\b/,
    triggers: 'gesundheitsamt ordnungsamt verbraucherzentrale gewerbeaufsicht lebensmittelkontrolle anzeige rechtliche gericht mahnbescheid auto wagen schrank kommode klavier kleid anzug boden parkett wand tur sofa spiegel tisch jacke mantel',
  },
  {
    cue: 'discrimination',
    pattern:
      /\b(?:akzent|kopftuch|hautfarbe|rollstuhl|behinderung|religion|herkunft|aussprache)\b[^.!?]{0,60}\b(?:nachgeaff\w*|lustig gemacht|ausgelacht|nicht bedient|nicht reingelassen|rausgeworfen|abgewiesen|weggeschickt)\b|\b(?:nachgeafft|lustig gemacht|ausgelacht)\b[^.!?]{0,40}\b(?:akzent|aussprache)\b|\bwegen (?:des|meines|ihres|seines|unseres) (?:kopftuchs|akzents|rollstuhls|aussehens|glaubens)\b|\bwegen (?:meiner|ihrer|seiner|der|unserer) (?:hautfarbe|herkunft|religion|behinderung)\b/,
    triggers: 'akzent kopftuch hautfarbe rollstuhl behinderung religion herkunft aussprache nachgeafft nachgeaefft lustig ausgelacht wegen',
  },
  {
    cue: 'press',
    pattern: /\b(?:redakteur|redakteurin|journalist|journalistin|reporter|reporterin) (?:beim?|bei der|von|vom|der|des|fur)\b|\bstellung (?:zu )?(?:nehmen|beziehen)\b|\bpresseanfrage\b/,
    triggers: 'redakteur redakteurin journalist journalistin reporter reporterin stellung presseanfrage',
  },
  {
    cue: 'fraud',
    pattern: /\b(?:zahlungen|abbuchungen|buchungen|einkaufe|betrage)\b [\w' -]{0,72}?\b(?:die ich|die wir) (?:nie|nicht) (?:gemacht|getatigt|autorisiert)\b|\bkarte (?:wurde )?(?:kopiert|geklont|missbraucht)\b|\bnie gemacht habe\b/,
    triggers: 'zahlungen abbuchungen buchungen einkaufe betrage karte nie',
  },
  {
    cue: 'data-leak',
    pattern: /\b(?:name|namen|adresse|telefonnummer|daten|e-mail)\b[^.!?]{0,60}\b(?:eines anderen kunden|einer anderen kundin|einer anderen person|anderer kunden)\b/,
    triggers: 'name namen adresse telefonnummer daten e-mail',
  },
];
