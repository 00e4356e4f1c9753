//! schema.org Recipe in JSON-LD: a forgiving JSON reader for the broken
//! blocks real pages carry, and the mapping of Recipe fields.

use super::ImportedRecipe;
use super::duration::parse_minutes;
use super::entities;
use super::html::{clean, clean_lines};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Strips the wrappers pages put around a JSON-LD block: HTML comments,
/// CDATA markers, JS comments around them, a trailing `;`.
fn unwrap_block(src: &str) -> &str {
    let mut s = src.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    loop {
        let before = s.len();
        for prefix in [
            "<!--",
            "//<![CDATA[",
            "/*<![CDATA[*/",
            "<![CDATA[",
            "/*-->*/",
        ] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start();
            }
        }
        for suffix in ["-->", "//]]>", "/*]]>*/", "]]>", "//", ";"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.trim_end();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Reads all JSON values of `text` in sequence; stops at the first error.
/// Returns the values and whether everything was read.
fn read_values(text: &str) -> (Vec<Value>, bool) {
    let mut values = Vec::new();
    let stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    for item in stream {
        match item {
            Ok(v) => values.push(v),
            Err(_) => return (values, false),
        }
    }
    (values, true)
}

/// Repairs what real pages get wrong: raw control characters inside strings,
/// invalid escapes (`\'`), trailing commas, JS comments, stray CDATA/comment
/// markers between values.
fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            match c {
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\\' => {
                    let next = chars.get(i + 1).copied();
                    match next {
                        Some(n @ ('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't')) => {
                            out.push('\\');
                            out.push(n);
                            i += 1;
                        }
                        Some('u')
                            if chars
                                .get(i + 2..i + 6)
                                .is_some_and(|h| h.iter().all(|c| c.is_ascii_hexdigit())) =>
                        {
                            out.push('\\');
                        }
                        Some(n) if (n as u32) < 0x20 => {
                            // A backslash before a raw line break.
                            out.push(' ');
                            i += 1;
                        }
                        Some(n) => {
                            // "\'" and other escapes JSON does not have: keep the character.
                            out.push(n);
                            i += 1;
                        }
                        None => {}
                    }
                }
                // Raw line breaks stay line breaks (they separate steps).
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push(' '),
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            ',' => {
                // Drop a comma that only precedes a closing bracket.
                let mut j = i + 1;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                if !matches!(chars.get(j), Some('}') | Some(']')) {
                    out.push(c);
                }
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
                continue;
            }
            '<' if starts_with(&chars, i, "<!--") => {
                i += 4;
                continue;
            }
            '<' if starts_with(&chars, i, "<![CDATA[") => {
                i += 9;
                continue;
            }
            '-' if starts_with(&chars, i, "-->") => {
                i += 3;
                continue;
            }
            ']' if starts_with(&chars, i, "]]>") => {
                i += 3;
                continue;
            }
            ';' => {}
            '\u{FEFF}' => {}
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_with(chars: &[char], at: usize, pat: &str) -> bool {
    let mut rest = chars.get(at..).unwrap_or(&[]).iter();
    pat.chars().all(|p| rest.next() == Some(&p))
}

/// Parses a JSON-LD block as leniently as pages need: the values read.
pub fn parse_lenient(src: &str) -> Vec<Value> {
    let text = unwrap_block(src);
    if text.is_empty() {
        return Vec::new();
    }
    let (values, complete) = read_values(text);
    if complete {
        return values;
    }
    let (fixed, fixed_complete) = read_values(&repair(text));
    if fixed_complete {
        return fixed;
    }
    if text.contains("&quot;") || text.contains("&#34;") {
        // A block whose quotes were written as references.
        let decoded = entities::decode_once(text);
        let (vals, ok) = read_values(&repair(&decoded));
        if ok || vals.len() > fixed.len().max(values.len()) {
            return vals;
        }
    }
    // What could be read before the block broke off.
    if fixed.len() >= values.len() {
        fixed
    } else {
        values
    }
}

/// Objects by their `@id`, to resolve references like `{"@id": "#author"}`.
pub type Ids<'a> = HashMap<String, &'a Map<String, Value>>;

/// Whether a `@type` value names `wanted` ("Recipe", ["Recipe","NewsArticle"],
/// "http://schema.org/Recipe", "schema:Recipe").
pub fn has_type(value: &Value, wanted: &str) -> bool {
    let matches = |t: &str| {
        let t = t.trim();
        let short = t.rsplit(['/', ':', '#']).next().unwrap_or(t);
        short.eq_ignore_ascii_case(wanted)
    };
    match value {
        Value::String(s) => matches(s),
        Value::Array(items) => items.iter().any(|v| v.as_str().is_some_and(matches)),
        _ => false,
    }
}

fn type_of(obj: &Map<String, Value>) -> Option<&Value> {
    obj.get("@type").or_else(|| obj.get("type"))
}

/// Recipe objects of the values, breadth first (a page's main recipe before
/// recipes nested deeper), and a map of `@id` to object for references.
pub fn find_recipes(values: &[Value]) -> (Vec<&Map<String, Value>>, Ids<'_>) {
    let mut recipes = Vec::new();
    let mut ids = HashMap::new();
    let mut queue: std::collections::VecDeque<&Value> = values.iter().collect();
    while let Some(v) = queue.pop_front() {
        match v {
            Value::Object(obj) => {
                if let Some(Value::String(id)) = obj.get("@id")
                    && (obj.len() > 2 || !obj.contains_key("@type") && obj.len() > 1)
                {
                    ids.entry(id.clone()).or_insert(obj);
                }
                if type_of(obj).is_some_and(|t| has_type(t, "Recipe")) {
                    recipes.push(obj);
                }
                queue.extend(obj.values());
            }
            Value::Array(items) => queue.extend(items.iter()),
            _ => {}
        }
    }
    (recipes, ids)
}

/// Resolves `{"@id": ...}` references to the object they name.
fn resolve<'a>(value: &'a Value, ids: &Ids<'a>) -> Option<&'a Map<String, Value>> {
    let obj = value.as_object()?;
    if let Some(Value::String(id)) = obj.get("@id")
        && obj.len() <= 2
        && let Some(target) = ids.get(id)
    {
        return Some(target);
    }
    Some(obj)
}

/// First non-empty cleaned text of a value: a string, a number, the `name`
/// (or `text`, `@value`) of an object, or the first such entry of an array.
fn first_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(first_text),
        Value::Object(obj) => ["name", "text", "@value", "value"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(first_text)),
        _ => None,
    }
}

/// Ingredient lines: strings (an HTML/multi-line string is split), objects
/// with a name or text, nested arrays flattened.
fn ingredient_lines(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.extend(clean_lines(s)),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => {
            for item in items {
                match item {
                    // One entry holding several lines ("3 Tbsp oil\n3 garlic cloves").
                    Value::String(s) => out.extend(clean_lines(s)),
                    other => ingredient_lines(other, out),
                }
            }
        }
        Value::Object(obj) => {
            if let Some(list) = obj.get("itemListElement") {
                ingredient_lines(list, out);
            } else if let Some(t) = ["text", "name", "@value"]
                .iter()
                .find_map(|k| obj.get(*k).and_then(first_text))
            {
                out.push(t);
            }
        }
        _ => {}
    }
}

/// Steps of `recipeInstructions`, flattened.
fn instruction_steps(value: &Value, out: &mut Vec<String>) {
    match value {
        // A single string may hold all the steps.
        Value::String(s) => out.extend(clean_lines(s)),
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::String(s) => one_step(s, out),
                    other => instruction_steps(other, out),
                }
            }
        }
        Value::Object(obj) => {
            if let Some(list) = obj.get("itemListElement") {
                instruction_steps(list, out);
            } else if let Some(text) = obj.get("text").filter(|t| first_text(t).is_some()) {
                step_value(text, out);
            } else if let Some(name) = obj.get("name") {
                step_value(name, out);
            } else if let Some(v) = obj.get("@value").or_else(|| obj.get("description")) {
                step_value(v, out);
            }
        }
        Value::Number(n) => out.push(n.to_string()),
        _ => {}
    }
}

/// The text of a HowToStep: its lines are sub-steps.
fn step_value(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.extend(clean_lines(s)),
        other => instruction_steps(other, out),
    }
}

/// One entry of a list of step strings: line breaks inside it are kept as
/// spaces, unless it is an HTML list or paragraphs, which are several steps.
fn one_step(text: &str, out: &mut Vec<String>) {
    let lower = text.to_ascii_lowercase();
    let blocks = ["<li", "<p>", "<p ", "&lt;li", "&lt;p&gt;"];
    if blocks.iter().any(|b| lower.contains(b)) {
        out.extend(clean_lines(text));
    } else {
        let step = clean(text);
        if !step.is_empty() {
            out.push(step);
        }
    }
}

/// `recipeYield` as a phrase: "4" and 4 become "4 servings".
fn yields(value: &Value) -> Option<String> {
    let text = match value {
        Value::Array(items) => {
            // ["1", "1 loaf"]: the entry that says what the number counts.
            let all: Vec<String> = items.iter().filter_map(yields).collect();
            let first = all.first()?.clone();
            let number: String = first.chars().take_while(|c| c.is_ascii_digit()).collect();
            let bare = format!("{number} servings");
            if (first == bare || first == format!("{number} serving"))
                && let Some(richer) = all.iter().skip(1).find(|y| {
                    y.starts_with(&number) && !y.ends_with("servings") && !y.ends_with("serving")
                })
            {
                return Some(richer.clone());
            }
            return Some(first);
        }
        Value::Object(obj) => {
            let v = obj
                .get("value")
                .or_else(|| obj.get("@value"))
                .and_then(first_text)?;
            match obj.get("unitText").and_then(first_text) {
                Some(unit) => format!("{v} {unit}"),
                None => v,
            }
        }
        other => first_text(other)?,
    };
    if text == "1" {
        Some("1 serving".to_string())
    } else if text.chars().all(|c| c.is_ascii_digit()) && !text.is_empty() {
        Some(format!("{text} servings"))
    } else {
        Some(text)
    }
}

fn minutes(value: Option<&Value>) -> Option<u32> {
    match value? {
        Value::String(s) => parse_minutes(s),
        Value::Number(n) => n
            .as_f64()
            .filter(|f| f.is_finite() && *f >= 0.0)
            .map(|f| f.round() as u32),
        Value::Array(items) => items.iter().find_map(|v| minutes(Some(v))),
        Value::Object(obj) => minutes(
            obj.get("minValue")
                .or_else(|| obj.get("@value"))
                .or_else(|| obj.get("value")),
        ),
        _ => None,
    }
}

/// Total time: `totalTime`, else `prepTime` + `cookTime`.
fn total_time(obj: &Map<String, Value>) -> Option<u32> {
    match minutes(obj.get("totalTime")) {
        Some(t) if t > 0 => Some(t),
        _ => {
            let prep = minutes(obj.get("prepTime"));
            let cook = minutes(obj.get("cookTime"));
            match (prep, cook) {
                (None, None) => None,
                (p, c) => Some(p.unwrap_or(0) + c.unwrap_or(0)).filter(|t| *t > 0),
            }
        }
    }
}

/// Names of the author(s): a string, a Person/Organization (possibly by
/// `@id` reference), or a list of them, joined with ", ".
fn authors(value: &Value, ids: &Ids<'_>) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    let mut push = |v: &Value| {
        let name = match v {
            Value::String(s) => Some(clean(s)),
            Value::Object(_) => resolve(v, ids).and_then(|o| {
                o.get("name")
                    .and_then(first_text)
                    .or_else(|| o.get("alternateName").and_then(first_text))
            }),
            _ => None,
        };
        if let Some(n) = name.filter(|n| !n.is_empty())
            && !names.contains(&n)
        {
            names.push(n);
        }
    };
    match value {
        Value::Array(items) => items.iter().for_each(&mut push),
        other => push(other),
    }
    if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}

/// The primary language subtag: "en-US" → "en".
pub fn primary_language(tag: &str) -> Option<String> {
    let primary = tag
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if primary.len() >= 2 && primary.len() <= 8 && primary.chars().all(|c| c.is_ascii_alphabetic())
    {
        Some(primary)
    } else {
        None
    }
}

/// Maps one schema.org Recipe object.
pub fn recipe_from(obj: &Map<String, Value>, ids: &Ids<'_>) -> ImportedRecipe {
    let title = obj
        .get("name")
        .and_then(first_text)
        .or_else(|| obj.get("headline").and_then(first_text))
        .unwrap_or_default();
    let mut ingredients = Vec::new();
    if let Some(v) = obj.get("recipeIngredient") {
        ingredient_lines(v, &mut ingredients);
    }
    if ingredients.is_empty()
        && let Some(v) = obj.get("ingredients")
    {
        ingredient_lines(v, &mut ingredients);
    }
    let mut instructions = Vec::new();
    if let Some(v) = obj.get("recipeInstructions") {
        instruction_steps(v, &mut instructions);
    }
    let language = obj.get("inLanguage").and_then(|v| match v {
        Value::Object(o) => o
            .get("alternateName")
            .or_else(|| o.get("name"))
            .and_then(first_text),
        other => first_text(other),
    });
    ImportedRecipe {
        title,
        ingredients,
        instructions,
        yields: obj
            .get("recipeYield")
            .or_else(|| obj.get("yield"))
            .and_then(yields),
        total_time: total_time(obj),
        language: language.as_deref().and_then(primary_language),
        source_url: None,
        author: obj
            .get("author")
            .and_then(|a| authors(a, ids))
            .or_else(|| obj.get("creator").and_then(|a| authors(a, ids))),
        cuisine: obj.get("recipeCuisine").and_then(first_text),
        category: obj.get("recipeCategory").and_then(first_text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipe(src: &str) -> ImportedRecipe {
        let values = parse_lenient(src);
        let (recipes, ids) = find_recipes(&values);
        recipe_from(recipes.first().expect("a recipe"), &ids)
    }

    #[test]
    fn broken_json_is_read() {
        let src = "<!--//<![CDATA[\n{\"@type\": \"Recipe\", \"name\": \"Tea\ncake\",\n \"recipeIngredient\": [\"1 cup\tflour\", \"2 eggs\",],\n \"description\": \"It\\'s good\", }\n//]]>-->";
        let r = recipe(src);
        assert_eq!(r.title, "Tea cake");
        assert_eq!(r.ingredients, vec!["1 cup flour", "2 eggs"]);
    }

    #[test]
    fn nested_and_typed_as_array() {
        let src = r##"{"@context":"https://schema.org","@graph":[{"@type":"WebPage","mainEntity":{"@type":["Recipe","NewsArticle"],"name":"Soup &amp; bread","recipeIngredient":["1&frac12; cups water"],"author":{"@id":"#me"},"recipeYield":4,"totalTime":"PT1H5M","recipeInstructions":[{"@type":"HowToSection","name":"A","itemListElement":[{"@type":"HowToStep","text":"Boil."},{"@type":"HowToStep","name":"Serve."}]}]}},{"@type":"Person","@id":"#me","name":"Ana"}]}"##;
        let r = recipe(src);
        assert_eq!(r.title, "Soup & bread");
        assert_eq!(r.ingredients, vec!["1½ cups water"]);
        assert_eq!(r.instructions, vec!["Boil.", "Serve."]);
        assert_eq!(r.author.as_deref(), Some("Ana"));
        assert_eq!(r.yields.as_deref(), Some("4 servings"));
        assert_eq!(r.total_time, Some(65));
    }

    #[test]
    fn html_instructions_and_times() {
        let src = r#"[{"@type":"Recipe","name":"X","ingredients":["a"],"recipeInstructions":"<ol><li>Mix.</li><li>Bake.</li></ol>","prepTime":"PT10M","cookTime":"PT20M","recipeYield":["","6 slices"],"recipeCategory":["Dessert"]}]"#;
        let r = recipe(src);
        assert_eq!(r.instructions, vec!["Mix.", "Bake."]);
        assert_eq!(r.total_time, Some(30));
        assert_eq!(r.yields.as_deref(), Some("6 slices"));
        assert_eq!(r.category.as_deref(), Some("Dessert"));
    }

    #[test]
    fn garbage_is_no_value() {
        assert!(parse_lenient("not json at all").is_empty());
        assert!(parse_lenient("").is_empty());
        let _ = parse_lenient("{\"a\": \"unterminated");
        let _ = parse_lenient("{\"a\": \"\\");
        let _ = parse_lenient(
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        );
    }
}
