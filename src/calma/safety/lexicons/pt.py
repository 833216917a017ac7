"""Portuguese (Brazil and Portugal). Written for Calma; accent-free, lower-case patterns."""

LEXICON = {
    "suicide": [
        r"\bsuicid\w*",
        r"\b(?:quero|queria|vou|penso\s+em|tenho\s+vontade\s+de|preciso|prefiro)\s+(?:(?!nao\b|nunca\b|jamais\b)[\w',]+\s+){0,3}(?:morrer|me\s+matar|me\s+suicidar|tirar\s+(?:a\s+)?minha\s+vida|sumir\s+para\s+sempre|deixar\s+de\s+existir)\b",
        r"\bdeixar\s+de\s+existir\b|\bquando\s+eu\s+me\s+matar\b|\bme\s+despedi\s+de\s+(?:todo\s+mundo|todos|minha|meus|meu)\b|\bcortar\s+(?:os\s+|meus\s+)?pulsos\b|\b(?:tomar|beber)\s+(?:o\s+|um\s+)?veneno\b|\besta\s+tudo\s+pronto\s+para\b",
        r"\b(?:me\s+matar|matar-me|me\s+mato|tirar\s+(?:a\s+)?minha\s+(?:propria\s+)?vida|acabar\s+com\s+(?:a\s+)?minha\s+vida|acabar\s+com\s+tudo|por\s+fim\s+(?:a|na)\s+minha\s+vida)\b",
        r"\b(?:quero|queria|vou|preciso)\s+morrer\b|\b(?:vou|quero|penso\s+em)\s+me\s+(?:matar|suicidar)\b|\b(?:vou|quero)\s+(?:matar|suicidar)[\s-]me\b|\bqueria\s+(?:estar\s+mort[oa]|nao\s+ter\s+nascido|dormir\s+e\s+nao\s+acordar)\b",
        r"\b(?:ja\s+)?nao\s+quero\s+(?:mais\s+)?(?:viver|existir|estar\s+viv[oa]|acordar|continuar\s+vivendo)\b|\bnao\s+tenho\s+(?:nenhum\s+)?(?:motivo|razao|razoes|motivos)\s+(?:para|pra)\s+viver\b|\ba\s+vida\s+nao\s+vale\s+a\s+pena\b",
        r"\b(?:estariam|ficariam|seria[mo]?)\s+melhor(?:es)?\s+sem\s+mim\b|\bmelhor\s+mort[oa]\b|\bquero\s+que\s+tudo\s+(?:acabe|termine)\b|\bsumir\s+para\s+sempre\b|\bdormir\s+para\s+sempre\b",
        r"\b(?:tomar|tomei|engolir|engoli)\s+(?:todos\s+os|todas\s+as|um\s+monte\s+de|muitos|a\s+cartela\s+de|a\s+caixa\s+de)\s+(?:\w+\s+)?(?:remedios|comprimidos|pilulas|calmantes)\b|\boverdose\b|\bquantos\s+(?:\w+\s+)?(?:comprimidos|remedios)\b|\bdose\s+letal\b",
        r"\b(?:juntando|guardando|juntei|guardei)\s+(?:\w+\s+)?(?:remedios|comprimidos|pilulas)\b|\b(?:me\s+enforcar|enforcar-me|corda\s+(?:\w+\s+){0,3}(?:no\s+pescoco|no\s+ventilador|na\s+viga|no\s+teto|no\s+lustre)|(?:comprei|arranjei|consegui|tenho)\s+(?:uma|a)\s+corda(?!\s+(?:pra|para|de)\s+(?:a\s+|o\s+)?(?:barraca|varal|camping|pular|escalada|rede|amarrar|violao|guitarra|mudanca))|me\s+dar\s+um\s+tiro|me\s+envenenar|me\s+jogar\s+(?:de|da|do|na|no|debaixo)|pular\s+(?:de|da|do|d[ao]\s+alto\s+d[ao])\s+(?:uma\s+|um\s+)?(?:ponte|predio|janela|telhado|viaduto|sacada))\b",
        r"\b(?:estou|to)\s+(?:em\s+cima\s+d[ao]|n[ao])\s+(?:ponte|telhado|terraco|beirada|trilhos)\b|\bcarta\s+de\s+despedida\b|\b(?:essa|esta)\s+e\s+minha\s+ultima\s+(?:mensagem|noite)\b|\badeus\s+para\s+sempre\b|\bquando\s+eu\s+(?:nao\s+estiver\s+mais|me\s+for)\b",
        r"\bnao\s+vou\s+estar\s+(?:mais\s+)?aqui\s+amanha\b|\bdei\s+(?:todas\s+)?as\s+minhas\s+coisas\b",
        r"\bnao\s+quero\s+mais\s+estar\s+aqui\b|\bdar\s+(?:um\s+)?fim\s+(?:a|na|em)\s+minha\s+vida\b|\b(?:remedios|comprimidos|arma|revolver|faca|corda)\s+(?:\w+\s+){0,3}na\s+(?:minha\s+)?mao\b|\bsair\s+desse\s+mundo\b",
    ],
    "self_harm": [
        r"\b(?:me\s+cortar|me\s+corto|me\s+cortei\s+(?:de\s+novo|outra\s+vez|os\s+bracos|as\s+pernas|os\s+pulsos)|cortar\s+os\s+pulsos|me\s+machucar|me\s+machuco|me\s+ferir|me\s+queimar|me\s+queimo|me\s+bater|me\s+cortava|me\s+machucava)\b",
        r"\bautomutila\w*|\bautolesa\w*|\bvontade\s+de\s+(?:me\s+cortar|me\s+machucar)\b|\blamina\s+na\s+mao\b|\bvoltei\s+a\s+me\s+cortar\b|\bme\s+(?:machuquei|cortei|queimei|bati)\s+(?:\w+\s+){0,3}de\s+proposito\b|\bvontade\s+de\s+morrer\b",
    ],
    "harm_others": [
        r"\b(?:vou|quero)\s+(?:matar|esfaquear|envenenar|dar\s+um\s+tiro\s+n)\s*(?:ele|ela|eles|o\s+meu|a\s+minha|meu|minha|esse|essa)\b|\b(?:vou|quero)\s+mata-l[oa]s?\b",
        r"\b(?:levar|trazer)\s+(?:uma\s+arma|um\s+revolver|uma\s+faca)\s+(?:para|pra)\s+(?:a\s+)?(?:escola|faculdade|trabalho)\b|\bveneno\s+na\s+(?:comida|bebida)\s+del[ea]\b|\bmachucar\s+(?:o\s+)?meu\s+(?:bebe|filho)\b",
    ],
    "abuse_danger": [
        r"\b(?:ele|ela|meu\s+\w+|minha\s+\w+)\s+(?:me\s+)?(?:bate|batia\s+ontem|espanca|estupr\w+|enforca|chuta|tranca)\s+(?:em\s+)?mim\b|\bme\s+(?:bate|batem|espanca|espancou|estuprou|estupraram|enforcou|enforca|chutou|trancou|ameacou\s+de\s+morte|ameaca\s+de\s+morte)\b",
        r"\b(?:disse|falou)\s+que\s+vai\s+me\s+matar\b|\btenho\s+medo\s+(?:de\s+)?que\s+ele\s+me\s+mate\b|\bnao\s+estou\s+segur[oa]\s+em\s+casa\b|\babusa\s+de\s+mim\b",
        r"\b(?:esta|estao|ta|tao)\s+me\s+(?:batendo|ameacando|machucando|espancando|agredindo|chutando|enforcando|sufocando|estuprando)\b|\b(?:tem\s+alguem|ele\s+esta)\s+(?:tentando\s+entrar|la\s+fora|na\s+porta)\b|\bme\s+toca\s+(?:a\s+noite|sem|quando)\b|\bpegou\s+meu\s+passaporte\b",
        r"\bme\s+amea[c]?a\s+com\s+(?:uma|um|a|o)\b|\bfui\s+(?:estuprad[ao]|abusad[ao]|violentad[ao])\b|\bestou\s+sendo\s+(?:abusad[ao]|ameacad[ao]|agredid[ao])\b|\b(?:ameacou|ameaca)\s+(?:de\s+)?me\s+matar\b|\bme\s+(?:obriga|forca)\s+a\s+(?:fazer\s+sexo|transar)\b",
    ],
    "third_person": r"\b(?:(?:meu|minha|seu|sua|o|a)\s+\w+\s+(?:vai|pode|esta|ta|vai\s+acabar)\s+(?:\w+\s+)?morr\w*|(?:me\s+)?(?:disse|contou|falou|escreveu)\s+que\s+(?:ela\s+|ele\s+)?(?:quer|vai|pensa\s+em)\s+(?:morrer|se\s+matar|se\s+suicidar|suicidio)|(?:ele|ela)\s+(?:pensa|fala)\s+em\s+(?:se\s+matar|suicidio|morrer)|tentou\s+(?:se\s+)?(?:matar|suicid\w*|o\s+suicidio|tirar\s+a\s+(?:propria\s+)?vida)|tentativa\s+de\s+suicidio|(?:quer|tentou|vai|pensa\s+em|fala\s+em)\s+se\s+(?:matar|suicidar|cortar|machucar)|se\s+suicidou|se\s+matou|tirou\s+a\s+propria\s+vida|morreu\s+por\s+suicidio|(?:meu|minha)\s+(?:\w+\s+)?(?:amig[oa]|irma[o]?|prim[oa]|filh[oa]|pai|mae|namorad[oa])\s+(?:se\s+corta|se\s+machuca|quer\s+se\s+matar|fala\s+em\s+suicidio)|(?:diz|disse|fala)\s+que\s+quer\s+(?:morrer|se\s+matar))\b",
    "passive": [
        r"\bnao\s+vejo\s+(?:nenhum\s+)?(?:futuro|saida|sentido)\b|\b(?:pra|para)\s+que\s+continuar\b|\bqual\s+o\s+sentido\s+(?:de\s+)?(?:tudo|viver|continuar)\b|\bnada\s+faz\s+sentido\b",
        r"\bnao\s+aguento\s+mais\b|\bcansad[oa]\s+de\s+(?:viver|tudo|existir)\b|\b(?:quero|queria)\s+sumir\b|\bsou\s+um\s+peso\b(?!\s+morto)|\bninguem\s+(?:sentiria\s+(?:minha\s+)?falta|ia\s+notar|vai\s+sentir\s+(?:minha\s+)?falta)\b",
        r"\bpenso\s+(?:muito\s+)?(?:na\s+morte|em\s+morrer)\b|\bseria\s+mais\s+facil\s+se\s+eu\s+nao\s+existisse\b",
    ],
    "therapeutic": r"\b(?:triste\w*|tristeza|deprimid\w*|depressao|ansiedade|ansios\w*|angusti\w*|sozinh[oa]|solidao|estress\w*|sobrecarregad\w*|chor\w*|panico|medo|assustad\w*|preocupad\w*|terapia|terapeuta|psicolog\w*|luto|termino|terminei|divorcio|insonia|me\s+sinto\s+vazi[oa]|sem\s+vontade|esgotad\w*|autoestima|me\s+odeio|culpa|vergonha|inutil|fracass\w*|me\s+sinto\s+(?:mal|pessim[oa]|perdid[oa]|horrivel)|nao\s+consigo\s+dormir|morreu|faleceu|nervos\w*|ciume\w*|bullying|exaust[oa]s?|cansad[oa]s?|me\s+sinto\s+(?:um\s+lixo|um[a]?\s+fracass\w*|culpad[oa]|inutil|triste|sem\s+esperanca)|ninguem\s+me\s+entende|pesadelos?|me\s+(?:batia|xingava)|desesperad\w*"
    r"|nao\s+sei\s+o\s+que\s+fazer|minha\s+vida\s+(?:e|nao|esta|ta)|me\s+traiu|traicao|nao\s+tenho\s+amigos|brig\w*|dificuldade\s+(?:de|para|pra)\s+\w+|nao\s+consigo\s+(?:dormir|parar|me\s+concentrar|levantar)"
    r"|(?:pra|para)\s+baixo|desanimad\w*|desmotivad\w*|separ(?:ar|acao|aram|ando)|me\s+sinto\s+(?!bem\b|feliz\b|otim\w*\b|melhor\b)\w+|estou\s+(?:mal|pessim[oa]|arrasad[oa]|destruid[oa]|de\s+saco\s+cheio)"
    r"|ninguem\s+gosta\s+de\s+mim|odeio\s+(?:minha\s+vida|meu\s+corpo)|vomit\w*|compulsao|me\s+preocupa|(?<!matar a )(?<!matar da )saudade\w*|choro|chorar|sem\s+motivacao|(?<!da )(?<!de )(?<!pra )(?<!para )pressao(?!\s+arterial|\s+alta))\b",
    "negators": r"\b(?:nao|nunca|jamais|nem|sem)\b",
    "bridge": "eu me vou quero quis tenho penso pensei pensou pensando pensado em de vontade intencao planos estou sou nada realmente de jeito nenhum",
    "past": r"\b(?:(?:me\s+)?(?:cortava|machucava|queimava|mutilava|feria)|aos\s+\d{1,2}(?:\s+anos)?|com\s+\d{1,2}\s+anos|quando\s+eu\s+tinha\s+\d+|na\s+escola|ha\s+(?:anos|meses|muito\s+tempo)|anos\s+atras|quando\s+(?:eu\s+)?(?:era|tinha|estava\s+n[ao])|na\s+(?:adolescencia|infancia)|no\s+passado|costumava|ano\s+passado|em\s+(?:19|20)\d\d|ja\s+superei|sobrevivi)\b",
    "present": r"\b(?:de\s+novo|outra\s+vez|agora|hoje|hoje\s+a\s+noite|ultimamente|voltei\s+a|recai)\b",
    "idioms": [
        r"\bpul\w*\s+(?:da|de\s+uma|do)\s+(?:ponte|pier|trampolim|pedra)\s+(?:no|na|pro|pra)\s+(?:rio|agua|mar|lago|piscina)\b",  # round 9: jumping in for fun
        # Round 9: anyone else "vai me matar" (will be furious), unless danger is in the sentence; a device "died".
        r"\b(?:meu|minha|meus|minhas|o|a|os|as|teu|tua|seu|sua)\s+(?:\w+\s+){0,2}?(?:vai|vao)\s+me\s+matar\b(?![^.!?]*\b(?:bebad\w*|bat\w*|espanc\w*|ameac\w*|serio|de\s+verdade|nao\s+e\s+brincadeira)\b)",
        r"\b(?:celular|notebook|computador|pc|bateria|carregador|carro|internet|wifi|fone|impressora|console|tv|televisao|roteador)\s+(?:\w+\s+){0,2}?(?:morreu|morre|ta\s+mort[oa]|esta\s+mort[oa]|pifou)(?:\s+de\s+vez)?\b",
        # Round 14: heat, traffic, work "is killing me" (pt-PT "está a matar-me", pt-BR "tá me matando").
        r"\b(?:calor|frio|transito|trafego|trabalho|chefe|curso|faculdade|dieta|treino|fila|barulho|cansaco|sono|fome|ressaca|dor\s+de\s+(?:cabeca|costas|dente|barriga)|saudade|humidade|umidade)\s+(?:\w+\s+){0,2}?(?:esta|ta|vai|anda)\s+(?:a\s+|me\s+)?mat(?:ar|ando)(?:-me|\s+me)?\b",
        r"\b(?:filme|serie|jogo|video)\b[^.!?]*\b(?:mat\w*|morr\w*|morto|morta)\s+(?:\w+\s+)?de\s+(?:medo|susto)\b|\b(?:morrendo|morto|morta|morrer)\s+de\s+tedio\b",  # round 9: a film frightened me "to death"
        # Round 9: a farewell before a trip or a move.
        r"\bdespedi\w*\s+(?:de\s+|da\s+|do\s+)?[^.!?]*\b(?:ferias|viagem|de\s+mudanca|vou\s+me\s+mudar|intercambio|ate\s+(?:segunda|semana|mes)\w*)\b",
        r"\b(?:vou\s+matar|(?<!me )mato|vou\s+te\s+matar)\b[^.!?]*\bse\b[^.!?]*(?:\bk{3,}|\bha(?:ha)+|\brs(?:rs)*\b|\blol\b)",  # a joking conditional threat
        r"\b(?:mat\w*|muer\w*|muri\w*|morr\w*|meur\w*|tu(?:e|es|er|ee)|sterb\w*|stirb\w*)\s+(?:\w+\s+)?(?:de|vor)\s+(?:la\s+)?(?:risa|rir|rire|lachen|risada|carcajada\w*)\b",  # laughing, in any of the four
        r"\bmorrer\s+de\s+(?:rir|fome|sono|calor|frio|vergonha|tedio|vontade|saudade|medo|inveja|amor)\b|\bmorr(?:o|endo|i)\s+de\s+(?:rir|fome|sono|calor|frio|vergonha|tedio|vontade|saudade|medo)\b|\bmorrendo\s+de\s+\w+|\bmorro\s+de\s+\w+",
        r"\b(?:minha\s+)?(?:mae|pai|chefe|professor[a]?|namorad[oa]|irma[o]?)\s+vai\s+me\s+matar\b|\bvai\s+me\s+matar\s+(?:se|quando)\b|\bme\s+mata\s+de\s+rir\b",
        r"\b(?:esse|essa|este|esta|o|a)\s+\w+\s+(?:esta\s+)?(?:me\s+matando|me\s+mata)\b|\bmatar\s+(?:o\s+)?tempo\b|\bmatar\s+a\s+saudade\b|\bmatar\s+a\s+aula\b|\bdois\s+coelhos\b",
        r"\b(?:estou|to)\s+mort[oa]\s+de\s+(?:cansaco|sono|fome)\b|\b(?:bateria|celular|notebook)\s+(?:esta\s+|ta\s+)?(?:mort[oa]|morreu|morrendo)\b|\bcortei\s+(?:o\s+)?(?:cabelo|franja|unhas?|dedo)\b",
        r"\bcortar\s+(?:o\s+|meu\s+)?(?:cabelo|franja|unhas?)\b|\b(?:calor|frio|fome|sono|tedio)\W+(?:\w+\W+){0,3}(?:morr\w+|to\s+morrendo)\b|\bn[oa]\s+(?:jogo|filme|serie|livro|novela|game)\b|\bprevencao\s+(?:do|ao)\s+suicidio\b|\b(?:trabalho|livro|documentario)\s+sobre\s+(?:o\s+)?suicidio\b",
    ],
    "affirm": r"^(?:sim+|s+|aham|uhum|claro|as\s+vezes|talvez|um\s+pouco|mais\s+ou\s+menos|acho\s+que\s+sim|o\s+tempo\s+todo|sempre|direto|e|sim\s+\w+(?:\s+\w+){0,5})$",
    "deny": r"^(?:nao+|de\s+jeito\s+nenhum|nunca|nao\s+nao|nao,?\s+(?:estou\s+bem|to\s+bem|so\s+\w+(?:\s+\w+){0,5}|obrigad[oa])|estou\s+bem|to\s+bem)$",
    "unsure": r"^(?:nao\s+sei|sei\s+la|nao\s+tenho\s+certeza)$",
    "retract": r"^(?:(?:e|era|foi)\s+(?:so\s+)?brincadeira|to\s+brincando|estou\s+brincando|brincadeira|esquece|esquece\s+o\s+que\s+eu\s+disse|deixa\s+(?:pra|para)\s+la|nao\s+importa|nada|nao\s+e\s+nada|nao\s+foi\s+serio|kkk+\s+(?:brincadeira|mentira))$",
    "starts_no": r"^(?:nao|de\s+jeito\s+nenhum)\b",
    "act": r"\bja\s+(?:tomei|engoli)\s+(?:metade|todos|todas|varios|\d+)\b|\bja\s+fiz\b|\bja\s+e\s+tarde\b",
    "time": r"\b(?:hoje\s+a\s+noite|hoje|essa\s+noite|esta\s+noite|amanha|agora(?:\s+mesmo)?|logo|ja|em\s+breve|neste\s+fim\s+de\s+semana|nesse\s+fim\s+de\s+semana|daqui\s+a\s+(?:uma|algumas)\s+horas?|na\s+(?:segunda|terca|quarta|quinta|sexta)|no\s+(?:sabado|domingo)|quando\s+todos\s+dormirem|as\s+\d+)\b",
    "now": r"\b(?:agora(?:\s+mesmo)?|(?:ele|ela)\s+(?:chegou|voltou|esta\s+(?:aqui|em\s+casa|na\s+porta|bebad[oa]|gritando))|esta\s+vindo\s+(?:pra|para)\s+(?:ca|casa))\b",
    "plan": r"\b(?:tenho\s+um\s+plano|ja\s+sei\s+como|ja\s+decidi|(?:esta|ta)\s+tudo\s+planejado|escolhi\s+(?:o\s+dia|a\s+data|o\s+lugar)|escrevi\s+(?:uma\s+)?carta)\b",
    "means": r"\b(?:remedios|comprimidos|pilulas|calmantes|corda|arma|revolver|faca|lamina|gilete|ponte|telhado|trilhos|veneno)\b",
    "person_question": r"\b(?:voce\s+e|vc\s+e|e)\s+(?:uma\s+)?(?:pessoa|humano|humana|real|um\s+robo|um\s+bot|uma\s+ia|uma\s+maquina)\b|\b(?:falo|estou\s+falando|to\s+falando)\s+com\s+(?:uma\s+)?(?:pessoa|humano|robo|bot|maquina|ia)\b",
    "ask_suicide": r"(?:pensamentos?\s+(?:de|sobre)\s+(?:suicidio|tirar\s+a\s+propria\s+vida|se\s+machucar|morrer)|pensando\s+em\s+(?:se\s+matar|suicidio|tirar\s+sua\s+vida|se\s+machucar|morrer)|quer\s+morrer|ideias?\s+suicidas)",
    "ask_safety": r"(?:(?:voce\s+)?esta\s+(?:segur[oa]|em\s+seguranca|em\s+perigo|em\s+um\s+lugar\s+seguro))",
    "ask_plan": r"(?:tem\s+(?:um\s+)?plano|pensou\s+em\s+como|tem\s+(?:os\s+remedios|acesso))",
}
