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
    "You are offline. This was saved on {date}.": "Estás sin conexión. Esto se guardó el {date}.",
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
    "Checked by our editors on ": "Comprobado por nuestro equipo el ",
    "by phone": "por teléfono",
    "by email": "por correo electrónico",
    "on their website": "en su sitio web",
    "in person": "en persona",
    "These details have not been checked for a while: confirm them before you rely on them.":
      "Estos datos no se comprueban desde hace tiempo: confírmalos antes de confiar en ellos.",
    "These details have not been checked yet: confirm them before you rely on them.":
      "Estos datos aún no se han comprobado: confírmalos antes de confiar en ellos.",
    "A reader reported a problem with these details: we are checking them.":
      "Un lector informó de un problema con estos datos: los estamos comprobando.",
    "Report a problem": "Informar de un problema",
    "Tell us what is wrong; please do not write your name or contact details.":
      "Dinos qué está mal; por favor, no escribas tu nombre ni tus datos de contacto.",
    "What is wrong?": "¿Qué está mal?",
    "The phone number is wrong": "El teléfono es incorrecto",
    "The email address is wrong": "El correo electrónico es incorrecto",
    "It has closed": "Ha cerrado",
    "It has moved": "Se ha mudado",
    "Something else": "Otra cosa",
    "Details (optional)": "Detalles (opcional)",
    "Send report": "Enviar",
    "Sending…": "Enviando…",
    "Thank you: an editor will check these details.":
      "Gracias: nuestro equipo comprobará estos datos.",
    "Your report could not be sent:": "No se pudo enviar tu informe:",
    Note: "Nota",
    Warning: "Advertencia",
    Emergency: "Emergencia",
    Tags: "Etiquetas",
    "Help right now": "Ayuda ahora mismo",
    "Call ": "Llama al ",
    "Text ": "Envía un mensaje de texto al ",
    "Text {keyword} to ": "Envía {keyword} por mensaje de texto al ",
    "Languages: ": "Idiomas: ",
    "Shown in {language} while its translation is updated.":
      "Se muestra en {language} mientras se actualiza su traducción.",
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
