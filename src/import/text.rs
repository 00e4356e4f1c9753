//! A recipe pasted as text, in English or Spanish: a title line, then
//! ingredient lines, then steps, with or without section headers.

use super::duration::parse_minutes;
use super::html::clean;
use super::{ImportError, ImportedRecipe};
use crate::domain::text::fold_name;

const INGREDIENT_HEADERS: &[(&str, &str)] = &[
    ("ingredients", "en"),
    ("ingredient", "en"),
    ("ingredient list", "en"),
    ("you will need", "en"),
    ("you ll need", "en"),
    ("what you need", "en"),
    ("ingredientes", "es"),
    ("ingrediente", "es"),
    ("lista de ingredientes", "es"),
    ("necesitas", "es"),
];

const STEP_HEADERS: &[(&str, &str)] = &[
    ("instructions", "en"),
    ("method", "en"),
    ("directions", "en"),
    ("steps", "en"),
    ("preparation", "en"),
    ("how to make it", "en"),
    ("how to make", "en"),
    ("preparacion", "es"),
    ("pasos", "es"),
    ("procedimiento", "es"),
    ("elaboracion", "es"),
    ("instrucciones", "es"),
    ("modo de preparacion", "es"),
    ("modo de hacerlo", "es"),
];

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "half", "dozen", "un", "una", "uno", "unos", "unas", "dos", "tres", "cuatro",
    "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "medio", "media", "docena",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Ingredients,
    Steps,
}

#[derive(Debug, Clone, PartialEq)]
enum Line {
    Header(Section, &'static str, Option<String>),
    Blank,
    Text(String),
}

/// Strips markdown decoration around a header candidate: "## Ingredients:",
/// "**Method**", "INGREDIENTES".
fn header_of(line: &str) -> Option<(Section, &'static str, Option<String>)> {
    let trimmed = line.trim().trim_start_matches(['#', '=', '*', '_', ' ']);
    let (head, inline) = match trimmed.split_once(':') {
        Some((h, rest)) => (h, Some(rest.trim())),
        None => (trimmed, None),
    };
    let key = fold_name(head);
    let found = INGREDIENT_HEADERS
        .iter()
        .map(|(h, lang)| (Section::Ingredients, *h, *lang))
        .chain(
            STEP_HEADERS
                .iter()
                .map(|(h, lang)| (Section::Steps, *h, *lang)),
        )
        .find(|(_, h, _)| {
            key == *h
                || (inline.is_none()
                    && key.starts_with(h)
                    && key[h.len()..].starts_with(' ')
                    && key.split(' ').count() <= 5
                    && matches!(
                        key[h.len()..].trim().split(' ').next(),
                        Some("for" | "para" | "del" | "de" | "of")
                    ))
        })?;
    let inline = inline
        .map(clean)
        .filter(|s| !s.is_empty() && !s.chars().all(|c| matches!(c, '*' | '_' | '#')));
    Some((found.0, found.2, inline))
}

/// Removes list bullets and step numbering: "- ", "* ", "• ", "1. ", "2) ",
/// "Step 3:", "Paso 3.".
fn strip_marker(line: &str) -> &str {
    let mut s = line.trim();
    for bullet in ['-', '*', '•', '·', '–', '—', '◦', '▪', '►', '+'] {
        if let Some(rest) = s.strip_prefix(bullet)
            && (rest.starts_with(char::is_whitespace) || bullet != '-')
        {
            s = rest.trim_start();
            break;
        }
    }
    for word in ["step", "paso"] {
        if s.get(..word.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(word))
        {
            let rest = s.get(word.len()..).unwrap_or("");
            let digits = rest.trim_start();
            let n = digits
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(digits.len());
            if n > 0 {
                let after = digits[n..].trim_start_matches([':', '.', ')', '-', ' ']);
                return after.trim_start();
            }
        }
    }
    strip_numbering(s)
}

/// "1. Mix" → "Mix", "2) Bake" → "Bake"; "1.5 cups" and "2 eggs" stay.
fn strip_numbering(s: &str) -> &str {
    let n = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if n == 0 || n > 2 {
        return s;
    }
    let rest = &s[n..];
    for mark in [".", ")", "-", ":"] {
        if let Some(after) = rest.strip_prefix(mark)
            && (after.starts_with(char::is_whitespace) || after.is_empty())
        {
            return after.trim_start();
        }
    }
    s
}

/// Whether a line starts with a quantity: a number, a fraction or a number
/// word ("2 eggs", "½ cup", "1/2 taza", "dos huevos").
fn starts_with_quantity(line: &str) -> bool {
    let s = line.trim();
    let Some(first) = s.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        // "1. Preheat" is numbering, not a quantity.
        return strip_numbering(s).len() == s.len();
    }
    if matches!(
        first,
        '½' | '¼' | '¾' | '⅓' | '⅔' | '⅛' | '⅜' | '⅝' | '⅞' | '⅕'
    ) {
        return true;
    }
    let word = fold_name(s.split_whitespace().next().unwrap_or(""));
    NUMBER_WORDS.contains(&word.as_str())
}

/// "Serves 4", "Servings: 4", "Porciones: 4", "Rinde 4", "Makes 12 cookies",
/// "Para 4 personas": the yield phrase.
fn yield_of(line: &str) -> Option<String> {
    let words = line.split_whitespace().count();
    if words > 6 || !line.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let lower = line
        .trim()
        .trim_start_matches(['#', '*', '-', ' '])
        .to_lowercase();
    let keys = [
        "servings",
        "serving",
        "serves",
        "yields",
        "yield",
        "makes",
        "porciones",
        "porción",
        "porcion",
        "raciones",
        "ración",
        "racion",
        "rinde",
        "rinde para",
        "para",
        "comensales",
    ];
    let key = keys.iter().find(|k| {
        lower.starts_with(*k)
            && lower[k.len()..]
                .chars()
                .next()
                .is_some_and(|c| c == ':' || c.is_whitespace())
    })?;
    let rest = lower[key.len()..].trim_start_matches([':', ' ']).trim();
    let original_rest = line.trim().trim_start_matches(['#', '*', '-', ' ']);
    let rest_original = original_rest
        .get(original_rest.len().saturating_sub(rest.len())..)
        .unwrap_or(rest)
        .trim();
    if *key == "para"
        && !(rest.contains("persona") || rest.contains("porcion") || rest.contains("porción"))
    {
        return None;
    }
    if rest.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() {
        Some(format!("{rest} servings"))
    } else {
        Some(clean(rest_original))
    }
}

enum TimeKind {
    Total,
    Part,
}

/// "Total time: 45 min", "Tiempo: 1 h 10 min", "Prep time: 10 min".
fn time_of(line: &str) -> Option<(TimeKind, u32)> {
    if line.split_whitespace().count() > 8 {
        return None;
    }
    let trimmed = line.trim().trim_start_matches(['#', '*', '-', ' ']);
    let (head, rest) = match trimmed.split_once(':') {
        Some((h, r)) => (fold_name(h), r.to_string()),
        None => {
            let folded = fold_name(trimmed);
            let pos = folded.find(|c: char| c.is_ascii_digit())?;
            let split = trimmed.find(|c: char| c.is_ascii_digit())?;
            (
                folded[..pos].trim().to_string(),
                trimmed[split..].to_string(),
            )
        }
    };
    let kind = match head.as_str() {
        "total time" | "time" | "ready in" | "total" | "tiempo" | "tiempo total" | "duracion"
        | "listo en" => TimeKind::Total,
        "prep time"
        | "prep"
        | "cook time"
        | "cooking time"
        | "baking time"
        | "bake time"
        | "tiempo de preparacion"
        | "tiempo de coccion"
        | "coccion"
        | "preparacion" => TimeKind::Part,
        _ => return None,
    };
    let minutes = parse_minutes(&rest)?;
    Some((kind, minutes))
}

/// Ingredient-looking: short, not a sentence.
fn ingredient_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words <= 8 && !line.trim_end().ends_with('.') && strip_numbering(line).len() == line.len()
}

/// Reads a pasted recipe.
pub fn parse(text: &str) -> Result<ImportedRecipe, ImportError> {
    let mut lines = text.lines().map(|l| l.trim()).skip_while(|l| l.is_empty());
    let Some(first) = lines.next() else {
        return Err(ImportError::Unreadable(
            "the text is empty: paste the recipe's title on the first line, then its ingredients (one per line), then its steps".into(),
        ));
    };
    if header_of(first).is_some() {
        return Err(ImportError::Unreadable(
            "the first line should be the recipe's title, before the ingredients".into(),
        ));
    }
    let title_raw = first
        .trim_start_matches(['#', '*', '=', ' '])
        .trim_end_matches(['*', '=', ' ']);
    let title_raw = ["title:", "título:", "titulo:", "recipe:", "receta:"]
        .iter()
        .find_map(|p| {
            title_raw
                .to_lowercase()
                .starts_with(p)
                .then(|| title_raw.get(p.len()..).unwrap_or(title_raw))
        })
        .unwrap_or(title_raw);
    let title = clean(title_raw);
    if title.is_empty() {
        return Err(ImportError::Unreadable(
            "the first line should be the recipe's title".into(),
        ));
    }
    if title.chars().count() > 150 {
        return Err(ImportError::Unreadable(
            "the first line should be the recipe's title (a short line), then the ingredients, one per line".into(),
        ));
    }

    let mut recipe = ImportedRecipe {
        title,
        ..ImportedRecipe::default()
    };
    let mut parts: Option<u32> = None;
    let mut body: Vec<Line> = Vec::new();
    for raw in lines {
        let line = raw.trim();
        if line.is_empty() {
            body.push(Line::Blank);
            continue;
        }
        if let Some((section, lang, inline)) = header_of(line) {
            if recipe.language.is_none() {
                recipe.language = Some(lang.to_string());
            }
            body.push(Line::Header(section, lang, inline));
            continue;
        }
        if let Some(y) = yield_of(line) {
            if recipe.yields.is_none() {
                recipe.yields = Some(y);
            }
            continue;
        }
        if let Some((kind, minutes)) = time_of(line) {
            match kind {
                TimeKind::Total => recipe.total_time = recipe.total_time.or(Some(minutes)),
                TimeKind::Part => parts = Some(parts.unwrap_or(0) + minutes),
            }
            continue;
        }
        let cleaned = clean(line);
        if !cleaned.is_empty() {
            body.push(Line::Text(cleaned));
        }
    }
    if recipe.total_time.is_none() {
        recipe.total_time = parts.filter(|p| *p > 0);
    }

    let has_ingredient_header = body
        .iter()
        .any(|l| matches!(l, Line::Header(Section::Ingredients, ..)));
    let has_step_header = body
        .iter()
        .any(|l| matches!(l, Line::Header(Section::Steps, ..)));

    if has_ingredient_header {
        let mut section: Option<Section> = None;
        let mut loose_after_ingredients: Vec<Option<String>> = Vec::new();
        for line in body {
            match line {
                Line::Header(s, _, inline) => {
                    section = Some(s);
                    if let Some(text) = inline {
                        push_line(&mut recipe, s, &text);
                    }
                }
                Line::Blank => {
                    if section == Some(Section::Ingredients) && !has_step_header {
                        loose_after_ingredients.push(None);
                    }
                }
                Line::Text(text) => match section {
                    Some(Section::Ingredients) if !has_step_header => {
                        loose_after_ingredients.push(Some(text));
                    }
                    Some(s) => push_line(&mut recipe, s, &text),
                    None => {}
                },
            }
        }
        if !has_step_header {
            // No steps header: ingredients run to the first blank line or
            // sentence; what follows are steps.
            let mut in_steps = false;
            for entry in loose_after_ingredients {
                match entry {
                    None => {
                        if !recipe.ingredients.is_empty() {
                            in_steps = true;
                        }
                    }
                    Some(text) => {
                        if !in_steps
                            && !recipe.ingredients.is_empty()
                            && !starts_with_quantity(strip_marker(&text))
                            && !ingredient_like(strip_marker(&text))
                        {
                            in_steps = true;
                        }
                        let section = if in_steps {
                            Section::Steps
                        } else {
                            Section::Ingredients
                        };
                        push_line(&mut recipe, section, &text);
                    }
                }
            }
        }
    } else {
        // No ingredients header: quantity lines are the ingredients; the
        // lines after them (or under a steps header) are the steps.
        let mut loose: Vec<String> = Vec::new();
        let mut in_steps = false;
        for line in body {
            match line {
                Line::Header(Section::Steps, _, inline) => {
                    in_steps = true;
                    if let Some(text) = inline {
                        push_line(&mut recipe, Section::Steps, &text);
                    }
                }
                Line::Header(Section::Ingredients, ..) | Line::Blank => {}
                Line::Text(text) => {
                    if in_steps {
                        push_line(&mut recipe, Section::Steps, &text);
                    } else {
                        loose.push(text);
                    }
                }
            }
        }
        let markers: Vec<&str> = loose.iter().map(|l| strip_marker(l)).collect();
        let quantity: Vec<bool> = loose
            .iter()
            .map(|l| starts_with_quantity(strip_bullet(l)))
            .collect();
        if let Some(start) = quantity.iter().position(|q| *q) {
            let mut end = start;
            let mut j = start;
            while j < loose.len() {
                if quantity[j] {
                    end = j + 1;
                    j += 1;
                    continue;
                }
                // A short line between quantity lines ("Salt to taste").
                let next_quantity = (j..loose.len())
                    .take_while(|k| quantity[*k] || ingredient_like(markers[*k]))
                    .any(|k| quantity[k]);
                if ingredient_like(markers[j]) && next_quantity {
                    j += 1;
                    continue;
                }
                break;
            }
            let ingredients: Vec<String> = (start..end).map(|k| markers[k].to_string()).collect();
            let steps: Vec<String> = (end..loose.len()).map(|k| markers[k].to_string()).collect();
            for ingredient in ingredients {
                push_line(&mut recipe, Section::Ingredients, &ingredient);
            }
            let existing = std::mem::take(&mut recipe.instructions);
            for step in steps {
                push_line(&mut recipe, Section::Steps, &step);
            }
            recipe.instructions.extend(existing);
        }
    }

    if recipe.ingredients.is_empty() {
        return Err(ImportError::Unreadable(
            "no ingredient lines found: put them under a line \"Ingredients\" (or \"Ingredientes\"), one per line, like \"200 g rice\"".into(),
        ));
    }
    Ok(recipe)
}

/// Removes a bullet but keeps numbers ("- 2 eggs" → "2 eggs").
fn strip_bullet(line: &str) -> &str {
    let s = line.trim();
    for bullet in ['-', '*', '•', '·', '–', '—', '◦', '▪', '►', '+'] {
        if let Some(rest) = s.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    s
}

fn push_line(recipe: &mut ImportedRecipe, section: Section, text: &str) {
    let line = clean(strip_marker(text));
    if line.is_empty() {
        return;
    }
    match section {
        Section::Ingredients => {
            // "For the sauce:" is a subheading, not an ingredient.
            if line.ends_with(':') && !starts_with_quantity(&line) {
                return;
            }
            recipe.ingredients.push(line);
        }
        Section::Steps => recipe.instructions.push(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_with_headers() {
        let text = "\n# Lemon Rice\nA bright side dish.\nServes 4\nTotal time: 45 min\n\n## Ingredients:\n- 200 g rice\n* 1 lemon\n• Salt to taste\n\nFor the topping:\n1. 2 tbsp parsley\n\nInstructions\n1. Cook the rice.\n2) Add lemon and salt.\nStep 3: Serve.\n";
        let r = parse(text).expect("readable");
        assert_eq!(r.title, "Lemon Rice");
        assert_eq!(
            r.ingredients,
            vec!["200 g rice", "1 lemon", "Salt to taste", "2 tbsp parsley"]
        );
        assert_eq!(
            r.instructions,
            vec!["Cook the rice.", "Add lemon and salt.", "Serve."]
        );
        assert_eq!(r.yields.as_deref(), Some("4 servings"));
        assert_eq!(r.total_time, Some(45));
        assert_eq!(r.language.as_deref(), Some("en"));
    }

    #[test]
    fn spanish_with_headers() {
        let text = "Tortilla de patatas\nPorciones: 6\nTiempo: 1 h 10 min\nIngredientes\n- 4 huevos\n- 500 g de patatas\n- Sal\nPreparación:\n1. Pelar y cortar las patatas.\n2. Freír y mezclar con el huevo.\n";
        let r = parse(text).expect("readable");
        assert_eq!(r.title, "Tortilla de patatas");
        assert_eq!(r.ingredients, vec!["4 huevos", "500 g de patatas", "Sal"]);
        assert_eq!(r.instructions.len(), 2);
        assert_eq!(r.instructions[0], "Pelar y cortar las patatas.");
        assert_eq!(r.yields.as_deref(), Some("6 servings"));
        assert_eq!(r.total_time, Some(70));
        assert_eq!(r.language.as_deref(), Some("es"));
    }

    #[test]
    fn spanish_variants() {
        let text = "Arroz con leche\nRinde 4\nINGREDIENTES:\n1 litro de leche\n½ taza de arroz\nuna rama de canela\nElaboración\nHervir todo a fuego lento.\nServir frío.";
        let r = parse(text).expect("readable");
        assert_eq!(
            r.ingredients,
            vec!["1 litro de leche", "½ taza de arroz", "una rama de canela"]
        );
        assert_eq!(
            r.instructions,
            vec!["Hervir todo a fuego lento.", "Servir frío."]
        );
        assert_eq!(r.yields.as_deref(), Some("4 servings"));
    }

    #[test]
    fn without_headers() {
        let text = "Pancakes\n\n1 cup flour\n2 eggs\nA pinch of salt\n1 1/2 cups milk\nWhisk everything together.\nCook on a hot griddle.";
        let r = parse(text).expect("readable");
        assert_eq!(r.title, "Pancakes");
        assert_eq!(
            r.ingredients,
            vec![
                "1 cup flour",
                "2 eggs",
                "A pinch of salt",
                "1 1/2 cups milk"
            ]
        );
        assert_eq!(
            r.instructions,
            vec!["Whisk everything together.", "Cook on a hot griddle."]
        );
    }

    #[test]
    fn ingredients_header_without_steps_header() {
        let text =
            "Toast\nIngredients\n2 slices bread\nbutter\n\nToast the bread. Spread the butter.";
        let r = parse(text).expect("readable");
        assert_eq!(r.ingredients, vec!["2 slices bread", "butter"]);
        assert_eq!(r.instructions, vec!["Toast the bread. Spread the butter."]);
    }

    #[test]
    fn unreadable_texts_say_what_is_needed() {
        for text in [
            "",
            "   \n  ",
            "Just a title",
            "Ingredients\n1 egg",
            "Soup\nBoil water. Add things.",
        ] {
            match parse(text) {
                Err(ImportError::Unreadable(msg)) => assert!(!msg.is_empty()),
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }
}
