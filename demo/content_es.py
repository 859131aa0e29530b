# The Spanish uses typographic quotes (“ ”) and the English source typographic apostrophes
# (U+2019); keep both, or the English keys no longer match wagtail-localize's strings.
"""Spanish texts for the demo content, applied through wagtail-localize.

:func:`demo.content.load_demo_content` submits the English objects to wagtail-localize and
fills each translatable string (a PO entry whose ``msgid`` is the English text) from
:data:`SPANISH`. Strings in :data:`KEPT_IN_ENGLISH` are proper names or contact data and are
“translated” to themselves. Any other English string with no entry here stops the loader with a
list of what is missing, so nothing is left in English by accident: when you change an English
text in ``content.py``, add (or update) its Spanish here.

Style: plain, warm, non-stigmatising Spanish: “personas que usan drogas” (never “adictos” or
“drogadictos”), “reducción de daños”, “tú”.
"""

LANGUAGE_CODE = "es"

HOME_SLUG = "inicio"
ARTICLE_INDEX_SLUG = "articulos"
ARTICLE_SLUG = "formas-practicas-en-que-la-reduccion-de-danos-marca-la-diferencia"

# Left untranslated on purpose, so that the API's fallback to English can be seen: the Spanish
# article's directory still lists it, pointing at the English organisation.
UNTRANSLATED_ORGANISATIONS = frozenset({"Harm Reduction Michigan"})

# Proper names and contact data: the same in Spanish.
KEPT_IN_ENGLISH = frozenset(
    {
        "Mindful Recovery Hub",
        "National Harm Reduction Coalition",
        "Next Distro",
        "North American Syringe Exchange Network",
        "The DOPE Project",
        "Prevention Point Philadelphia",
        "Chicago Recovery Alliance",
        "2913-15 Kensington Avenue, Philadelphia, PA",
    }
)

SPANISH: dict[str, str] = {
    # --- Home page and articles section --------------------------------------------------------
    "home": HOME_SLUG,
    "Practical, compassionate information on harm reduction and recovery, and the "
    "organisations that can help.": "Información práctica y compasiva sobre reducción de daños "
    "y recuperación, y sobre las organizaciones que pueden ayudarte.",
    "Articles": "Artículos",
    "articles": ARTICLE_INDEX_SLUG,
    "Articles on harm reduction, recovery and staying safe.": "Artículos sobre reducción de "
    "daños, recuperación y cómo cuidarse.",
    # --- Author -------------------------------------------------------------------------------
    "Damilola Amire writes for the Mindful Recovery Hub about harm reduction, recovery and the "
    "community programmes that keep people safe.": "Damilola Amire escribe para Mindful Recovery "
    "Hub sobre reducción de daños, recuperación y los programas comunitarios que ayudan a las "
    "personas a mantenerse a salvo.",
    # --- Services -----------------------------------------------------------------------------
    "Naloxone distribution": "Distribución de naloxona",
    "Free naloxone, the medication that reverses opioid overdoses.": "Naloxona gratuita, el "
    "medicamento que revierte las sobredosis de opioides.",
    "Syringe services": "Servicios de jeringas",
    "Clean needles and syringes, and safe disposal of used ones.": "Agujas y jeringas limpias, y "
    "eliminación segura de las usadas.",
    "Fentanyl test strips": "Tiras reactivas de fentanilo",
    "Test strips that show whether drugs contain fentanyl.": "Tiras reactivas que muestran si una "
    "droga contiene fentanilo.",
    "Overdose response training": "Capacitación para responder a sobredosis",
    "Training in recognising an overdose and responding to it, including giving naloxone.": (
        "Capacitación para reconocer una sobredosis y actuar, incluida la administración de "
        "naloxona."
    ),
    "Wound care": "Cuidado de heridas",
    "Care for abscesses and other injection-related wounds.": "Atención de abscesos y otras "
    "heridas relacionadas con la inyección.",
    "Housing assistance": "Ayuda con la vivienda",
    "Help finding and keeping safe, stable housing.": "Ayuda para encontrar y mantener una "
    "vivienda segura y estable.",
    "Case management": "Gestión de casos",
    "One-to-one support to reach health care, treatment and social services.": "Acompañamiento "
    "individual para acceder a atención médica, tratamiento y servicios sociales.",
    "Harm reduction education": "Educación en reducción de daños",
    "Education on safer drug use, dosing, drug mixtures and support services.": "Información "
    "sobre consumo más seguro, dosis, mezclas de drogas y servicios de apoyo.",
    "Supervised consumption information": "Información sobre consumo supervisado",
    "Information on sites where people can use substances under medical supervision.": (
        "Información sobre lugares donde las personas pueden consumir sustancias bajo "
        "supervisión médica."
    ),
    "Policy advocacy": "Incidencia política",
    "Advocacy for harm reduction policies.": "Defensa de políticas de reducción de daños.",
    "Outreach": "Trabajo de calle",
    "Workers who bring supplies and support to people where they are.": "Personal que lleva "
    "material y apoyo a las personas allí donde están.",
    # --- Organisations (names, acronyms and contact details stay as they are) ------------------
    "Provides resources on harm reduction strategies, training, naloxone distribution, and "
    "advocacy for harm reduction policies.": "Ofrece recursos sobre estrategias de reducción de "
    "daños, capacitación, distribución de naloxona e incidencia a favor de políticas de "
    "reducción de daños.",
    "Offices in New York and California": "Oficinas en Nueva York y California",
    "Offers free mail-based naloxone distribution, education on safe injection practices, and "
    "connections to local harm reduction services.": "Ofrece distribución gratuita de naloxona "
    "por correo, información sobre prácticas de inyección más seguras y conexión con servicios "
    "locales de reducción de daños.",
    "Email through website contact form": "Correo electrónico a través del formulario de "
    "contacto de su sitio web",
    "Operates nationally through an online platform": "Opera en todo el país a través de una "
    "plataforma en línea",
    "Offers support, resources, and a directory of local syringe exchange programs by state.": (
        "Ofrece apoyo, recursos y un directorio de programas locales de intercambio de "
        "jeringas por estado."
    ),
    "Based in Tacoma, WA but operates nationally": "Con sede en Tacoma, WA, pero opera en todo "
    "el país",
    "Drug Overdose Prevention and Education. Provides naloxone distribution, overdose response "
    "training, and harm reduction education.": "Drug Overdose Prevention and Education "
    "(prevención y educación sobre sobredosis). Ofrece distribución de naloxona, capacitación "
    "para responder a sobredosis y educación en reducción de daños.",
    "Based in California but offers national resources": "Con sede en California, pero ofrece "
    "recursos en todo el país",
    "Syringe exchange, naloxone distribution, wound care, housing assistance, and case "
    "management.": "Intercambio de jeringas, distribución de naloxona, cuidado de heridas, ayuda "
    "con la vivienda y gestión de casos.",
    "Mobile syringe exchange, naloxone distribution, fentanyl testing, and health education.": (
        "Intercambio móvil de jeringas, distribución de naloxona, análisis de fentanilo y "
        "educación para la salud."
    ),
    "Various locations throughout Chicago, IL": "Varios puntos en Chicago, IL",
    # --- The article --------------------------------------------------------------------------
    "Practical Ways Harm Reduction Techniques Make a Difference": "Formas prácticas en que la "
    "reducción de daños marca la diferencia",
    "practical-ways-harm-reduction-techniques-make-a-difference": ARTICLE_SLUG,
    "Hello, Mindful Recovery Hub community!": "¡Hola, comunidad de Mindful Recovery Hub!",
    "In case you need a quick refresher, harm reduction is all about minimizing the negative "
    "consequences associated with various behaviors, especially substance use. It’s a "
    "pragmatic, compassionate approach that meets people where they are, without judgment. By "
    "reducing the immediate risks of substance use, harm reduction not only helps individuals "
    "but also benefits society by reducing healthcare costs, lowering disease transmission, and "
    "providing safer environments.": "Por si necesitas un repaso rápido: la reducción de daños "
    "consiste en reducir al mínimo las consecuencias negativas de distintas conductas, sobre "
    "todo del consumo de sustancias. Es un enfoque práctico y compasivo que acompaña a las "
    "personas allí donde están, sin juzgarlas. Al reducir los riesgos inmediatos del consumo, "
    "la reducción de daños no solo ayuda a cada persona: también beneficia a toda la sociedad, "
    "porque reduce los costos de atención médica, disminuye la transmisión de enfermedades y "
    "crea entornos más seguros.",
    # Quiz
    "Test Your Harm Reduction Knowledge 🧠": "Pon a prueba lo que sabes sobre reducción de "
    "daños 🧠",
    "Two quick questions. Your score appears when you submit.": "Dos preguntas rápidas. Verás "
    "tu puntuación al enviar tus respuestas.",
    "Harm reduction is only about illegal drug use.": "La reducción de daños solo tiene que ver "
    "con el consumo de drogas ilegales.",
    "True": "Verdadero",
    "False": "Falso",
    "False. Harm reduction applies to many behaviours, not only illegal drug use: alcohol, "
    "tobacco, prescription drugs, sex and more. It is about reducing the negative consequences "
    "of a behaviour, whatever it is.": "Falso. La reducción de daños se aplica a muchas "
    "conductas, no solo al consumo de drogas ilegales: el alcohol, el tabaco, los medicamentos "
    "recetados, el sexo y más. Se trata de reducir las consecuencias negativas de una conducta, "
    "sea cual sea.",
    "Which of these is an example of a harm reduction strategy?": "¿Cuál de estas opciones es un "
    "ejemplo de estrategia de reducción de daños?",
    "Requiring abstinence before offering help": "Exigir la abstinencia antes de ofrecer ayuda",
    "Arresting people who use drugs": "Arrestar a las personas que usan drogas",
    "Refusing clean supplies to people who inject": "Negar material limpio a las personas que "
    "se inyectan",
    "Naloxone distribution. Naloxone reverses opioid overdoses, and handing it out lets users, "
    "friends and families respond quickly and save lives, without requiring anyone to stop "
    "using first.": "Distribución de naloxona. La naloxona revierte las sobredosis de opioides, "
    "y repartirla permite que las personas que usan drogas, sus amistades y sus familias "
    "respondan rápido y salven vidas, sin exigir a nadie que primero deje de consumir.",
    "Keep learning! Harm reduction is broader than many people think; read on to find out "
    "more.": "¡Sigue aprendiendo! La reducción de daños abarca mucho más de lo que se suele "
    "pensar; sigue leyendo para saber más.",
    "Good start! You know the basics; the article below fills in the rest.": "¡Buen comienzo! "
    "Ya conoces lo básico; el artículo completa el resto.",
    "Great job! You know your harm reduction. Share what you know with someone who needs it.": (
        "¡Excelente! Conoces bien la reducción de daños. Comparte lo que sabes con alguien que "
        "lo necesite."
    ),
    # Sections
    "Harm Reduction vs. Abstinence": "Reducción de daños frente a abstinencia",
    "People often wonder, “Harm reduction vs. abstinence, which is better?” The answer depends "
    "on each individual’s needs. Harm reduction is not anti-abstinence; rather, it recognizes "
    "that not everyone can or wants to stop using substances immediately. For some, harm "
    "reduction in addiction recovery can be a steppingstone to abstinence. For others, it’s a "
    "way to stay safe while they continue to use.": "Mucha gente se pregunta: “Reducción de "
    "daños o abstinencia, ¿qué es mejor?”. La respuesta depende de las necesidades de cada "
    "persona. La reducción de daños no está en contra de la abstinencia; más bien, reconoce que "
    "no todo el mundo puede o quiere dejar de consumir de inmediato. Para algunas personas, la "
    "reducción de daños en la recuperación puede ser un paso hacia la abstinencia. Para otras, "
    "es una forma de cuidarse mientras siguen consumiendo.",
    "Do you think harm reduction could be a helpful approach for someone you know?": "¿Crees "
    "que la reducción de daños podría ser un enfoque útil para alguien que conoces?",
    "If so, share your thoughts in the comments below!": "Si es así, ¡cuéntanos qué piensas en "
    "los comentarios!",
    "How Harm Reduction Helps Addiction Recovery": "Cómo ayuda la reducción de daños en la "
    "recuperación",
    "For many individuals, harm reduction can be the first step in their recovery journey. By "
    "offering non-judgmental support, harm reduction builds trust, allowing individuals to seek "
    "help when they’re ready. Whether through NEPs, counselling, or access to naloxone, harm "
    "reduction programs serve as entry points for individuals who may eventually pursue "
    "abstinence if they choose.": "Para muchas personas, la reducción de daños puede ser el "
    "primer paso en su camino de recuperación. Al ofrecer apoyo sin juicios, genera confianza "
    "y permite que cada persona pida ayuda cuando se sienta preparada. Ya sea a través de los "
    "programas de intercambio de jeringas, la consejería o el acceso a la naloxona, los "
    "programas de reducción de daños son una puerta de entrada para personas que, con el "
    "tiempo, quizá elijan la abstinencia si así lo deciden.",
    "The harm reduction approach to substance use isn’t just a method; it’s a mindset that "
    "values human life and dignity. Harm reduction recognizes the struggles people face and "
    "respects their choices, helping them stay safe while they work toward their goals.": "El "
    "enfoque de reducción de daños ante el consumo de sustancias no es solo un método; es una "
    "forma de mirar que valora la vida y la dignidad humanas. Reconoce las dificultades que "
    "enfrentan las personas y respeta sus decisiones, y las ayuda a mantenerse a salvo mientras "
    "avanzan hacia sus metas.",
    "By offering tools and support without judgment, harm reduction reduces stigma and empowers "
    "people to make healthier choices. This compassionate approach makes it clear that recovery "
    "is possible, one small step at a time.": "Al ofrecer herramientas y apoyo sin juzgar, la "
    "reducción de daños reduce el estigma y ayuda a las personas a tomar decisiones más "
    "saludables. Este enfoque compasivo deja claro que la recuperación es posible, paso a paso.",
    "Harm Reduction Programs": "Programas de reducción de daños",
    "Here are some practical applications of harm reduction programs that make a real "
    "difference in communities:": "Estas son algunas aplicaciones prácticas de los programas de "
    "reducción de daños que marcan una diferencia real en las comunidades:",
    # Programmes
    "Needle Exchange Programs": "Programas de intercambio de jeringas",
    # The English abbreviation means nothing to Spanish readers; PIJ is the usual Spanish one.
    "NEPs": "PIJ",
    "NEPs provide clean needles to individuals who inject drugs, which reduces the spread of "
    "bloodborne diseases like HIV and hepatitis C. These programs also offer resources for "
    "testing, education, and referrals to treatment.": "Los PIJ entregan agujas limpias a las "
    "personas que se inyectan drogas, lo que reduce la propagación de enfermedades que se "
    "transmiten por la sangre, como el VIH y la hepatitis C. Estos programas también ofrecen "
    "pruebas, información y derivación a tratamiento.",
    "Supervised Consumption Sites": "Sitios de consumo supervisado",
    "At these sites, individuals can use substances in a clean, safe environment under medical "
    "supervision. This setup reduces the risk of overdose and provides immediate help if "
    "necessary. It’s a prime example of how harm reduction helps addiction without requiring "
    "users to abstain immediately.": "En estos sitios, las personas pueden consumir sustancias "
    "en un entorno limpio y seguro, bajo supervisión médica. Así se reduce el riesgo de "
    "sobredosis y hay ayuda inmediata si hace falta. Es un claro ejemplo de cómo la reducción "
    "de daños acompaña a las personas que usan drogas sin exigirles que dejen de consumir de "
    "inmediato.",
    "Naloxone Distribution": "Distribución de naloxona",
    "Naloxone is a medication that can reverse opioid overdoses. Programs that distribute "
    "naloxone empower users, friends, and families to respond quickly to overdoses, saving "
    "countless lives.": "La naloxona es un medicamento que puede revertir las sobredosis de "
    "opioides. Los programas que la distribuyen permiten que las personas que usan drogas, sus "
    "amistades y sus familias respondan rápido ante una sobredosis, y así salvan muchísimas "
    "vidas.",
    "Educational Programs": "Programas educativos",
    "Some harm reduction initiatives focus on teaching safer practices, such as identifying "
    "harmful drug mixtures, understanding dosing, and accessing support services. Safer drug "
    "use with harm reduction is not just about providing supplies but also about building "
    "knowledge for safer decisions.": "Algunas iniciativas de reducción de daños se centran en "
    "enseñar prácticas más seguras, como reconocer mezclas de drogas peligrosas, entender las "
    "dosis y acceder a servicios de apoyo. Consumir de forma más segura no consiste solo en "
    "tener el material adecuado, sino también en contar con la información para tomar "
    "decisiones más seguras.",
    # Directory and closing
    "Some Harm Reduction Programs Resources": "Recursos de programas de reducción de daños",
    "Here are some resources on harm reduction programs in the USA that offer support, "
    "education, and services related to harm reduction. These organizations can provide clean "
    "needles, naloxone distribution, supervised consumption information, and other harm "
    "reduction services.": "Estos son algunos recursos sobre programas de reducción de daños en "
    "Estados Unidos que ofrecen apoyo, información y servicios. Estas organizaciones pueden "
    "ofrecer agujas limpias, naloxona, información sobre consumo supervisado y otros servicios "
    "de reducción de daños.",
    "These organizations provide vital harm reduction services and resources. Many also have "
    "local partners or can direct you to resources in your area, helping ensure safety, "
    "education, and support for individuals affected by substance use across the U.S.": "Estas "
    "organizaciones ofrecen servicios y recursos de reducción de daños esenciales. Muchas "
    "también trabajan con organizaciones locales o pueden indicarte recursos en tu zona, para "
    "que las personas afectadas por el consumo de sustancias en todo Estados Unidos tengan "
    "seguridad, información y apoyo.",
    "Best,": "Saludos,",
    # Crisis lines.
    "988 Suicide and Crisis Lifeline": "988 Línea de Prevención del Suicidio y Crisis",
    "Free, confidential support for anyone in emotional distress or a substance use crisis, "
    "and for the people who care about them.": "Apoyo gratuito y confidencial para cualquier "
    "persona con angustia emocional o en una crisis por consumo de sustancias, y para quienes "
    "se preocupan por ella.",
    "24 hours a day, 7 days a week": "Las 24 horas del día, los 7 días de la semana",
    "SAMHSA National Helpline": "Línea Nacional de Ayuda de SAMHSA",
    "Free, confidential treatment referral and information about mental health and substance "
    "use, for individuals and families.": "Derivación gratuita y confidencial a tratamiento e "
    "información sobre salud mental y consumo de sustancias, para personas y familias.",
    "24 hours a day, 365 days a year": "Las 24 horas del día, los 365 días del año",
    "The Mindful Recovery Hub Team": "El equipo de Mindful Recovery Hub",
}


def spanish_for(english: str) -> str | None:
    """The Spanish for an English string, itself for kept proper names, or None if unknown."""
    if english in KEPT_IN_ENGLISH:
        return english
    return SPANISH.get(english)
