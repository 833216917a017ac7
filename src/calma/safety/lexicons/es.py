"""Spanish. Written for Calma; accent-free, lower-case patterns (see the package docstring)."""

LEXICON = {
    "suicide": [
        r"\bsuicid\w*",
        r"\b(?:quiero|quisiera|voy\s+a|pienso|tengo\s+ganas\s+de|deseo|necesito|prefiero)\s+(?:(?!no\b|nunca\b|jamas\b)[\w',]+\s+){0,3}(?:morir(?:me)?|matarme|suicidarme|quitarme\s+la\s+vida|dejar\s+de\s+(?:existir|vivir)|desaparecer\s+para\s+siempre)\b",
        r"\bdejar\s+de\s+(?:existir|vivir)\b|\bcuando\s+me\s+(?:mate|suicide|quite\s+la\s+vida)\b|\b(?:ya\s+)?me\s+despedi\s+de\s+(?:todos|mis|mi|todo\s+el\s+mundo)\b|\btengo\s+todo\s+(?:listo|preparado|planeado)\s+para\b|\bcortar(?:me)?\s+las\s+(?:venas|munecas)\b|\b(?:tomar(?:me)?|beber(?:me)?)\s+(?:el\s+|un\s+)?veneno\b",
        r"\b(?:matarme|quitarme\s+la\s+vida|acabar\s+con\s+(?:mi\s+vida|todo|esto\s+de\s+una\s+vez)|terminar\s+con\s+(?:mi\s+vida|todo)|quitarme\s+de\s+en\s+medio)\b",
        r"\bme\s+(?:voy\s+a|quiero|quisiera|pienso)\s+(?:matar|suicidar|morir|quitar\s+la\s+vida)\b|\bquiero\s+morir(?:me)?\b|\bme\s+quiero\s+ir\s+para\s+siempre\b",
        r"\b(?:quisiera|ojala)\s+(?:estar\s+muert[oa]|morir(?:me)?|no\s+despertar|no\s+haber\s+nacido|me\s+muriera)\b|\bojala\s+no\s+despierte\b",
        r"\b(?:ya\s+)?no\s+quiero\s+(?:seguir\s+)?(?:vivir|existir|estar\s+viv[oa]|despertar(?:me)?|seguir\s+aqui)\b",
        r"\bno\s+tengo\s+(?:ninguna\s+)?(?:razon(?:es)?|motivos?|nada)\s+(?:para|por\s+(?:el|la)\s+que)\s+vivir\b|\bla\s+vida\s+no\s+vale\s+la\s+pena\b",
        r"\b(?:estarian|estaria[ns]?|estarias)\s+mejor\s+sin\s+mi\b|\bmejor\s+(?:muert[oa]|si\s+no\s+estuviera)\b",
        r"\bquiero\s+que\s+todo\s+(?:se\s+)?(?:termine|acabe)\b|\bdesaparecer\s+para\s+siempre\b|\bdormir\s+(?:para\s+siempre|y\s+no\s+despertar)\b",
        r"\b(?:tomarme|tragarme|me\s+tome|me\s+trague|tomar)\s+(?:todas\s+las|un\s+monton\s+de|muchas|la\s+caja\s+de)\s+(?:pastillas|pildoras|medicinas|tabletas)\b|\bsobredosis\b",
        r"\b(?:juntando|guardando|acumulando|junte|guarde)\s+(?:\w+\s+)?(?:pastillas|pildoras|medicinas|tabletas)\b|\b(?:pastillas|pildoras)\s+(?:guardadas|listas|preparadas)\b|\bcuantas\s+(?:\w+\s+)?(?:pastillas|pildoras|tabletas)\b|\bdosis\s+letal\b",
        r"\b(?:colgarme|ahorcarme|una\s+soga|la\s+soga|la\s+cuerda\s+lista|dispararme|pegarme\s+un\s+tiro|envenenarme|tirarme\s+(?:de|del|desde|por|al|a\s+las|bajo)\b|lanzarme\s+(?:de|del|desde|al)\b|saltar\s+(?:de|del|desde)\s+(?:el|un|la|una)\s+(?:puente|edificio|azotea|balcon|ventana|techo))",
        r"\b(?:estoy|estoy\s+parad[oa]|estoy\s+sentad[oa])\s+en\s+(?:el|la|un|una)\s+(?:puente|azotea|borde|cornisa|vias|techo)\b",
        r"\bcarta\s+de\s+despedida\b|\b(?:esta\s+es\s+mi|mi)\s+ultima?\s+(?:mensaje|despedida|noche)\b|\badios\s+para\s+siempre\b|\bme\s+despido\s+de\s+(?:todos|ustedes)\b|\bcuando\s+ya\s+no\s+este\b|\bregale\s+(?:todas\s+)?mis\s+cosas\b",
        r"\b(?:ya\s+)?no\s+aguanto\s+(?:mas\s+)?(?:vivir|esta\s+vida)\b|\bno\s+voy\s+a\s+estar\s+(?:aqui|mas)\s+(?:manana|mucho\s+tiempo)\b",
        r"\b(?:irme|me\s+quiero\s+ir|dejar)\s+(?:de\s+)?este\s+mundo\b|\bno\s+vale\s+la\s+pena\s+(?:seguir\s+)?viv\w*|\b(?:voy\s+a\s+)?(?:saltar|aventarme|lanzarme|me\s+voy\s+a\s+(?:aventar|tirar|lanzar))\s+(?:del|desde\s+el|desde\s+la|por\s+la|de\s+la|al)\s+(?:puente|edificio|azotea|balcon|ventana|techo|tren|metro|vacio)\b",
        r"\b(?:pastillas|pistola|arma|cuchillo|navaja|soga|cuerda)\s+(?:\w+\s+){0,3}en\s+(?:la|mi)\s+mano\b|\bya\s+no\s+quiero\s+estar\s+aqui\b",
    ],
    "self_harm": [
        r"\b(?:cortarme|me\s+corto|me\s+estoy\s+cortando|me\s+volvi\s+a\s+cortar|volvi\s+a\s+cortarme|me\s+hice\s+cortes|hacerme\s+(?:dano|cortes)|me\s+hago\s+(?:dano|cortes)|lastimarme|me\s+lastimo|quemarme|me\s+quemo|golpearme|me\s+golpeo|me\s+cortaba|me\s+hacia\s+(?:dano|cortes)|me\s+autolesionaba)\b",
        r"\bautolesi\w*|\bganas\s+de\s+(?:cortarme|lastimarme|hacerme\s+dano)\b|\b(?:cuchilla|navaja|hoja\s+de\s+afeitar)\s+en\s+(?:la\s+)?mano\b|\bme\s+corte\s+(?:otra\s+vez|de\s+nuevo|los\s+brazos|las\s+piernas|las\s+munecas)\b|\bme\s+(?:corte|queme|lastime|golpee|hice\s+dano)\s+(?:\w+\s+){0,3}a\s+proposito\b|\bganas\s+de\s+morir(?:me)?\b",
    ],
    "harm_others": [
        r"\b(?:voy\s+a|quiero|pienso|lo\s+voy\s+a|la\s+voy\s+a|los\s+voy\s+a)\s+(?:matar(?:lo|la|los|las)?|apunalar(?:lo|la)?|envenenar(?:lo|la)?|disparar(?:le|les)?)\b|\b(?:matarlo|matarla|matarlos|envenenarlo|envenenarla)\b",
        r"\b(?:llevar|traer)\s+(?:un\s+arma|una\s+pistola|un\s+cuchillo)\s+a\s+(?:la\s+)?(?:escuela|colegio|oficina|trabajo)\b|\bhacerle\s+dano\s+a\s+(?:mi\s+)?(?:bebe|hij[oa]|novi[oa]|espos[oa]|herman[oa])\b|\bveneno\s+en\s+su\s+(?:comida|bebida|cafe)\b",
    ],
    "abuse_danger": [
        r"\bme\s+(?:pega|golpea|pegan|golpean|viola|violo|violaron|ahorca|ahorco|estrangula|patea|encierra|encerro|amenaza\s+con\s+matarme|amenazo\s+con\s+matarme|toca\s+(?:cuando|donde|sin|por\s+las\s+noches))\b",
        r"\b(?:dijo|dice)\s+que\s+me\s+va\s+a\s+matar\b|\btengo\s+miedo\s+de\s+que\s+me\s+(?:mate|pegue|haga\s+dano)\b|\bno\s+estoy\s+(?:a\s+salvo|segur[oa])\s+en\s+(?:mi\s+)?casa\b",
        r"\babusa(?:n|ba)?\s+de\s+mi\b|\bme\s+(?:esta|estan)\s+(?:pegando|golpeando|amenazando|pateando|ahorcando|estrangulando|violando|lastimando)\b|\b(?:esta|hay\s+alguien)\s+(?:afuera\s+de|intentando\s+entrar\s+a)\s+mi\s+casa\b|\bme\s+quito\s+el\s+pasaporte\b",
        r"\bme\s+amenaza(?:n|ba)?\s+con\s+(?:un|una|el|la|matarme|pegarme)\b|\bme\s+(?:maltrata|quiere\s+matar|manosea|tiene\s+encerrad[oa]|obliga\s+a\s+(?:tener\s+relaciones|hacer\s+cosas))\b|\babusa\s+sexualmente\s+de\s+mi\b|\bme\s+toca\s+(?:ahi|mis\s+partes|por\s+debajo|debajo\s+de\s+la\s+ropa)\b|\bme\s+(?:violo|violaron|abuso)\s+(?:anoche|hoy|ayer|hace\s+(?:un\s+rato|una\s+hora))\b",
    ],
    "third_person": r"\b(?:(?:mi|su|tu|el|la)\s+\w+\s+(?:se\s+)?(?:va\s+a|puede|esta|se\s+esta)\s+(?:\w+\s+)?(?:morir\w*|muriendo)|(?:me\s+)?(?:dijo|conto|escribio|confeso|cuenta|dice)\s+que\s+(?:el|ella\s+)?(?:se\s+)?(?:quiere|va\s+a|piensa\s+(?:en\s+)?)\s*(?:morir(?:se)?|matar(?:se)?|suicidar(?:se)?|quitarse\s+la\s+vida)|(?:el|ella)\s+(?:piensa\s+en|habla\s+de)\s+(?:suicidarse|matarse|el\s+suicidio)|intento\s+(?:suicidarse|matarse|quitarse\s+la\s+vida)|(?:intento|tentativa)\s+de\s+suicidio|se\s+suicido|se\s+quito\s+la\s+vida|se\s+mato|murio\s+por\s+suicidio|(?:mi|su|un|una)\s+(?:\w+\s+)?(?:amig[oa]|herman[oa]|prim[oa]|hij[oa]|padre|madre|papa|mama|novi[oa]|companer[oa])\s+(?:se\s+corta|se\s+autolesiona|quiere\s+suicidarse|habla\s+de\s+suicidarse)|(?:dice|dijo|habla\s+de)\s+que\s+(?:se\s+)?quiere\s+(?:morir|matar(?:se)?|suicidar(?:se)?))\b",
    "passive": [
        r"\bno\s+veo\s+(?:ningun\s+)?(?:futuro|salida)\b|\bno\s+le\s+veo\s+(?:el\s+)?sentido\s+a\s+(?:nada|la\s+vida|vivir|seguir)\b|\bpara\s+que\s+seguir\b|\b(?:de\s+que\s+sirve|que\s+sentido\s+tiene)\s+(?:seguir|vivir|todo|nada)\b",
        r"\bya\s+no\s+puedo\s+mas\b|\bestoy\s+cansad[oa]\s+de\s+(?:vivir|todo|la\s+vida|existir)\b|\b(?:quiero|quisiera|me\s+gustaria)\s+desaparecer\b",
        r"\bnadie\s+me\s+va\s+a\s+extranar\b|\bnadie\s+(?:me\s+extranaria|notaria\s+si\s+(?:me\s+fuera|desapareciera|no\s+estuviera))\b|\bsoy\s+una\s+carga\b|\b(?:a\s+veces\s+)?pienso\s+(?:mucho\s+)?en\s+(?:la\s+muerte|morir(?:me)?)\b|\bseria\s+mas\s+facil\s+si\s+no\s+estuviera\b",
    ],
    "therapeutic": r"\b(?:triste\w*|deprimid\w*|depresion|ansiedad|ansios\w*|angusti\w*|(?:me\s+siento|estoy|muy)\s+sol[oa]|soledad|estres\w*|agobiad\w*|abrumad\w*|llor\w*|panico|miedo|asustad\w*|preocupad\w*|terapia|terapeuta|psicolog\w*|duelo|ruptura|divorcio|insomnio|vaci[oa]\s+por\s+dentro|me\s+siento\s+vaci[oa]|sin\s+ganas|agotad\w*|autoestima|me\s+odio|culpa|verguenza|inutil|fracas\w*|me\s+siento\s+(?:mal|fatal|perdid[oa]|horrible)|no\s+puedo\s+dormir|termine\s+con\s+mi|me\s+dejo|murio|falleci\w*|nervios\w*|celos\w*|bullying|me\s+acosan|nadie\s+me\s+entiende|pesadillas?|ganas\s+de\s+nada|me\s+(?:pegaba|golpeaba|maltrataba|insultaba)|ataques?\s+de\s+\w+|desesperad\w*|sin\s+esperanza"
    r"|no\s+se\s+(?:que|como)\s+hacer|mi\s+vida\s+(?:es|no|esta|ya)|me\s+(?:engan\w*|dejo|dejaron|traiciono|puso\s+los\s+cuernos)|infiel|no\s+dejo\s+de\s+pensar|me\s+cuesta|no\s+valgo|culpable"
    r"|problemas\s+con\s+(?:la\s+comida|mi\s+\w+|el\s+alcohol)|divorci\w*|se\s+(?:estan\s+)?separ\w*|no\s+tengo\s+amigos|discut\w*|pele(?:o|amos|an|ando)\w*|bajon|desanimad\w*|desmotivad\w*|sin\s+motivacion"
    r"|me\s+siento\s+(?!bien\b|genial\b|feliz\b|mejor\b|content[oa]\b)\w+|estoy\s+(?:mal|fatal|hart[oa]|rot[oa]|destrozad[oa]|hech[oa]\s+polvo|quemad[oa])|nadie\s+me\s+quiere|odio\s+mi\s+(?:vida|cuerpo)"
    r"|vomit\w*|atracon\w*|no\s+como\s+nada|no\s+puedo\s+(?:mas|dormir|concentrarme|parar\s+de)|me\s+(?:preocupa|agobia|duele\s+(?:mucho|que))|lo\s+extrano|la\s+extrano|echo\s+de\s+menos|(?<!de la )(?<!para la )presion(?!\s+arterial))\b",
    "negators": r"\b(?:no|nunca|jamas|ni|tampoco|sin)\b",
    "bridge": "yo me te lo la quiero quisiera voy a tengo pienso pense pensado pensando he habia en de ganas intencion planes estoy soy nada realmente para nada voy quise",
    "past": r"\b(?:(?:me\s+)?(?:cortaba|lastimaba|quemaba|autolesionaba|hacia\s+(?:dano|cortes))|(?:a\s+los|con)\s+\d{1,2}(?:\s+anos)?|cuando\s+tenia\s+\d+|en\s+la\s+(?:secundaria|prepa)|hace\s+(?:anos|meses|mucho)|cuando\s+(?:era|tenia|estaba\s+en)|de\s+(?:nin[oa]|adolescente|pequen[oa]|joven)|en\s+el\s+pasado|antes\s+(?:solia|me)|solia|el\s+ano\s+pasado|en\s+(?:19|20)\d\d|ya\s+lo\s+supere|sobrevivi)\b",
    "present": r"\b(?:otra\s+vez|de\s+nuevo|ahora|hoy|esta\s+noche|ultimamente|volvi\s+a|recai)\b",
    "idioms": [
        r"\bsalt\w*\s+(?:del|de\s+un|desde\s+el)\s+(?:puente|muelle|trampolin|acantilado)\s+(?:al|a\s+la|en\s+el)\s+(?:rio|agua|mar|lago|piscina)\b",  # round 9: jumping in for fun
        # Round 9: anyone else "me va a matar" (will be furious), unless danger is in the sentence; a device "died".
        r"\b(?:mi|mis|tu|tus|su|sus|el|la|los|las|nuestr[oa]s?)\s+(?:\w+\s+){0,2}?(?:me\s+(?:va|van)\s+a\s+matar|(?:va|van)\s+a\s+matarme)\b(?![^.!?]*\b(?:borrach\w*|golpe\w*|pega\w*|amenaz\w*|en\s+serio|de\s+verdad|no\s+es\s+broma)\b)",
        r"\b(?:se\s+(?:me\s+)?(?:murio|muere|ha\s+muerto)\s+(?:el|la|mi)\s+(?:celular|cel|laptop|lap|compu|computadora|ordenador|telefono|movil|bateria|pila|coche|carro|auto|tele|impresora|consola|cargador|internet|wifi|router|audifonos)|(?:el|la|mi)\s+(?:celular|cel|laptop|lap|compu|computadora|ordenador|telefono|movil|bateria|pila|coche|carro|auto|tele|impresora|consola|cargador|internet|wifi|router|audifonos)\s+(?:se\s+(?:me\s+)?)?(?:murio|esta\s+muert[oa]|se\s+muere))\b",
        r"\b(?:peli\w*|pelicula|serie|juego|video)\b[^.!?]*\b(?:mat\w*|muer\w*|muri\w*)\s+(?:\w+\s+)?de\s+(?:miedo|susto)\b|\b(?:muer[oa]|muriendo|morir(?:me)?)\s+de\s+(?:aburrimiento|tedio)\b",  # round 9: a film frightened me "to death"
        # Round 9: a farewell before a trip or a move; a boat's deck.
        r"\bdespedi\w*\s+(?:de\s+)?[^.!?]*\b(?:vacaciones|de\s+viaje|me\s+mudo|me\s+voy\s+a\s+vivir|hasta\s+(?:el|la)\s+(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|semana|proxim\w+)|intercambio)\b",
        r"(?<!me )\b(?:voy\s+a\s+matar(?:lo|la|te)?|lo\s+mato|la\s+mato|te\s+mato)\b[^.!?]*\bsi\b[^.!?]*\b(?:ja(?:ja)+\w*|je(?:je)+|xd+|lol)\b",  # a joking conditional threat
        r"\b(?:mat\w*|muer\w*|muri\w*|morr\w*|meur\w*|tu(?:e|es|er|ee)|sterb\w*|stirb\w*)\s+(?:\w+\s+)?(?:de|vor)\s+(?:la\s+)?(?:risa|rir|rire|lachen|risada|carcajada\w*)\b",  # laughing, in any of the four
        r"\bme\s+muero\s+(?:de|por)\s+\w+|\bmorir(?:me|se)?\s+de\s+(?:la\s+)?(?:risa|hambre|sueno|calor|frio|verguenza|aburrimiento|ganas|miedo|sed)\b|\bcasi\s+me\s+muero\s+de\b",
        r"\b(?:mi\s+)?(?:mama|madre|papa|padre|jefe|jefa|profe|novi[oa]|herman[oa])\s+me\s+va\s+a\s+matar\b|\bme\s+va(?:n)?\s+a\s+matar\s+(?:si|cuando)\b",
        r"\b(?:me\s+)?mata(?:n)?\s+(?:de\s+risa|el\s+trafico|este\s+calor|el\s+calor|el\s+trabajo|los\s+lunes)\b|\b(?:el|este|la|esta|los|estos)\s+\w+\s+me\s+(?:mata|esta\s+matando)\b|\bmatar\s+el\s+tiempo\b|\bdos\s+pajaros\b|\b(?:el|la|ese|esa|este|esta|los|las|tu|su)\s+(?!noche\b|semana\b|vez\b|tarde\b|manana\b|dia\b|madrugada\b|mismo\b|finde\b)(?:\w+\s+){1,4}me\s+mato\b(?!\s+(?:si|cuando|esta|hoy|ahora))",
        r"\bestoy\s+muert[oa]\s+de\s+(?:cansancio|sueno|risa)\b|\bmuert[oa]\s+de\s+(?:cansancio|risa|hambre)\b|\b(?:bateria|celular|movil|telefono|laptop)\s+(?:esta\s+)?muert[oa]\b|\bse\s+(?:murio|me\s+murio)\s+(?:el|la|mi)\s+(?:celular|bateria|movil|telefono|computadora|planta)\b",
        r"\b(?:cortar(?:me|te|se)?|me\s+(?:voy\s+a\s+)?cort(?:o|e|are))\s+(?:\w+\s+)?(?:el\s+pelo|el\s+cabello|el\s+fleco|el\s+flequillo|las\s+unas|la\s+barba|la\s+melena)\b|\b(?:calor|frio|hambre|sueno|aburrimiento)\W+(?:\w+\W+){0,3}(?:me\s+muero|muero|me\s+estoy\s+muriendo)\b|\b(?:me\s+muero|me\s+estoy\s+muriendo)\W+(?:\w+\W+){0,2}(?:de\s+)?(?:calor|frio|hambre|sueno)\b|\bme\s+corte\s+(?:el\s+pelo|el\s+flequillo|las\s+unas|el\s+dedo|la\s+barba)\b|\b(?:en\s+(?:el|la|un|una)\s+(?:juego|videojuego|pelicula|serie|libro|novela))\b|\bprevencion\s+del\s+suicidio\b|\b(?:ensayo|trabajo|libro|documental)\s+sobre\s+el\s+suicidio\b|\bde\s+muerte\b(?!\s+(?:a|de))",
    ],
    "affirm": r"^(?:si+|sip|sii+|claro|a\s+veces|tal\s+vez|quizas?|un\s+poco|mas\s+o\s+menos|creo\s+que\s+si|todo\s+el\s+tiempo|seguido|la\s+verdad\s+(?:es\s+que\s+)?si|pues\s+si|si\s+\w+(?:\s+\w+){0,5})$",
    "deny": r"^(?:no+|para\s+nada|nunca|no\s+no|no,?\s+(?:estoy\s+bien|solo\s+\w+(?:\s+\w+){0,5}|gracias|para\s+nada)|estoy\s+bien|de\s+ninguna\s+manera)$",
    "unsure": r"^(?:no\s+se|ni\s+idea|no\s+estoy\s+segur[oa]|quien\s+sabe)$",
    "retract": r"^(?:(?:es|era|fue)\s+(?:una\s+)?broma|de\s+broma|bromeaba|estaba\s+bromeando|olvidalo|olvida\s+lo\s+que\s+dije|no\s+importa|no\s+pasa\s+nada|nada|no\s+es\s+nada|no\s+lo\s+dije\s+en\s+serio|ignora(?:lo)?(?:\s+lo\s+que\s+dije)?|jaja\w*\s+(?:no|broma))$",
    "starts_no": r"^(?:no|para\s+nada|la\s+verdad\s+no)\b",
    "act": r"\b(?:ya\s+)?me\s+(?:tome|trague)\s+(?:la\s+mitad|todas|varias|muchas|\d+)\b|\bya\s+lo\s+hice\b|\bya\s+es\s+tarde\b",
    "time": r"\b(?:esta\s+noche|hoy|manana|ahora(?:\s+mismo)?|ya\s+mismo|pronto|este\s+fin\s+de\s+semana|en\s+una\s+hora|en\s+unas\s+horas|el\s+(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)|cuando\s+(?:todos\s+)?(?:se\s+duerman|esten\s+dormidos)|a\s+las\s+\d+|esta\s+semana)\b",
    "now": r"\b(?:ahora(?:\s+mismo)?|ya\s+(?:llego|esta\s+aqui|volvio)|esta\s+(?:en\s+casa|aqui|afuera|borracho)|viene\s+(?:para\s+aca|a\s+casa)|acaba\s+de\s+llegar|esta\s+gritando|esta\s+en\s+la\s+puerta)\b",
    "plan": r"\b(?:tengo\s+un\s+plan|ya\s+se\s+como|ya\s+lo\s+decidi|lo\s+tengo\s+(?:todo\s+)?(?:planeado|decidido|pensado)|ya\s+escogi\s+(?:el\s+dia|la\s+fecha|el\s+lugar)|escribi\s+(?:una\s+)?carta)\b",
    "means": r"\b(?:pastillas|pildoras|tabletas|medicinas|soga|cuerda|pistola|arma|escopeta|cuchillo|navaja|cuchilla|puente|azotea|vias\s+del\s+tren|veneno)\b",
    "person_question": r"\b(?:eres|es\s+usted)\s+(?:una\s+)?(?:persona|humano|humana|real|un\s+robot|un\s+bot|una\s+ia|una\s+maquina)\b|\b(?:hablo|estoy\s+hablando)\s+con\s+(?:una\s+)?(?:persona|humano|bot|robot|maquina|ia)\b",
    "ask_suicide": r"(?:pensamientos?\s+(?:de|sobre)\s+(?:suicidio|quitarte\s+la\s+vida|hacerte\s+dano|morir)|pensando\s+en\s+(?:suicidarte|quitarte\s+la\s+vida|matarte|hacerte\s+dano|morir)|quieres\s+morir|ideas?\s+suicidas|te\s+(?:has\s+)?(?:hecho|haces)\s+dano)",
    "ask_safety": r"(?:estas\s+(?:a\s+salvo|segur[oa]|en\s+peligro|en\s+un\s+lugar\s+seguro))",
    "ask_plan": r"(?:tienes\s+(?:un\s+)?plan|has\s+pensado\s+(?:en\s+)?como|tienes\s+(?:las\s+pastillas|acceso|el\s+arma))",
}
