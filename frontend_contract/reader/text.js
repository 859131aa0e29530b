// The reader's own words inside an article, in the article's language where there is a
// translation here (English otherwise), so the article reads in one language. The page around
// it (list, reactions, comments) is in English, like <html lang="en">.

const TRANSLATIONS = {
  es: {
    "By ": "Por ",
    "Pop quiz": "Cuestionario",
    "Question {n} of {count}": "Pregunta {n} de {count}",
    "Choose one.": "Elige una respuesta.",
    "Choose every answer that applies.": "Elige todas las respuestas correctas.",
    "Submit answers": "Enviar respuestas",
    "Checking your answers…": "Comprobando tus respuestas…",
    "Your answers could not be checked: {error}": "No se pudieron comprobar tus respuestas: {error}",
    "Quizzes can be answered on the published article.":
      "El cuestionario se puede responder en el artículo publicado.",
    "Your score is {score}/{maxScore}": "Tu puntuación es {score}/{maxScore}",
    "Correct.": "Correcto.",
    "Not quite.": "No exactamente.",
    " (correct answer)": " (respuesta correcta)",
    "Interactive question": "Pregunta para la comunidad",
    "Interactive question: ": "Pregunta para la comunidad: ",
    "Directory": "Directorio",
    "No organisations to show here yet.": "Todavía no hay organizaciones que mostrar aquí.",
    "Find help near you": "Encuentra ayuda cerca de ti",
    "Your state": "Tu estado",
    "Choose your state": "Elige tu estado",
    "Choose your state to see the organisations near you, then those that help everywhere.":
      "Elige tu estado para ver las organizaciones cercanas y luego las que ayudan en todo el país.",
    "In {state}": "En {state}",
    "In your state": "En tu estado",
    "Everywhere in the country": "En todo el país",
    "Show more": "Mostrar más",
    "Services": "Servicios",
    Phone: "Teléfono",
    Email: "Correo electrónico",
    Contact: "Contacto",
    Website: "Sitio web",
    Location: "Ubicación",
    "National coverage": "Cobertura nacional",
    "Regional coverage": "Cobertura regional",
    "Local coverage": "Cobertura local",
    "Contact details last verified ": "Datos de contacto verificados el ",
    "Not yet available in your language.": "Todavía no disponible en tu idioma.",
    Note: "Nota",
    Warning: "Advertencia",
    Emergency: "Emergencia",
    Tags: "Etiquetas",
    "The original article has changed since this translation was made; it may be out of date.":
      "El artículo original ha cambiado desde que se hizo esta traducción; puede estar desactualizada.",
  },
};

/** `text` in `locale` (or its base language), with {name} placeholders filled from `values`. */
export function t(locale, text, values = {}) {
  const code = (locale || "").toLowerCase();
  const table = TRANSLATIONS[code] || TRANSLATIONS[code.split("-")[0]] || {};
  return (table[text] ?? text).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}
