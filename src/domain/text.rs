//! Text folding for matching what people type against names: case, accents and
//! punctuation never decide whether "Tomates" finds "tomate".

/// Lowercases, strips Latin accents (á→a, ñ→n, ü→u, ç→c) and turns every
/// character that is not a letter, digit, `/`, `.` or `-` into a single space.
/// The result has no leading, trailing or doubled spaces.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for ch in input.chars() {
        if matches!(ch, '\'' | '’' | '`') {
            // "baker's" folds to "bakers": an apostrophe joins, it does not separate.
            continue;
        }
        let mapped = fold_char(ch);
        match mapped {
            Some(c) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
            None => pending_space = true,
        }
    }
    out
}

/// Folds one character; `None` means "a separator".
fn fold_char(ch: char) -> Option<char> {
    let c = match ch {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'œ' | 'Œ' => 'o',
        'æ' | 'Æ' => 'a',
        c if c.is_alphanumeric() => {
            if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                return c.to_lowercase().next();
            }
        }
        '/' | '.' | '-' | '½' | '¼' | '¾' | '⅓' | '⅔' | '⅛' => ch,
        _ => return None,
    };
    Some(c)
}

/// Folds and also drops `.`, `/` and `-`, for names rather than quantities:
/// "Sun-dried tomatoes." → "sun dried tomatoes".
pub fn fold_name(input: &str) -> String {
    let folded = fold(input);
    let mut out = String::with_capacity(folded.len());
    for part in folded.split([' ', '.', '/', '-']) {
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// A URL- and id-friendly slug: "Chicken & rice bowl" → "chicken-rice-bowl".
pub fn slugify(input: &str) -> String {
    fold_name(input).replace(' ', "-")
}

/// The words of a folded phrase with the byte offset each starts at, for
/// [`super::food::FoodTable::find_in`].
pub fn split_words(folded: &str) -> (Vec<&str>, Vec<usize>) {
    let mut words = Vec::with_capacity(8);
    let mut offsets = Vec::with_capacity(8);
    let mut start = 0;
    for w in folded.split(' ') {
        if !w.is_empty() {
            words.push(w);
            offsets.push(start);
        }
        start += w.len() + 1;
    }
    (words, offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        let cases = [
            ("Tomates", "tomates"),
            ("  Cebolla   de Verdeo ", "cebolla de verdeo"),
            ("Jalapeño", "jalapeno"),
            ("Crème fraîche", "creme fraiche"),
            ("¿Qué comemos?", "que comemos"),
            ("1/2 cup", "1/2 cup"),
            ("2,5 kg", "2 5 kg"),
            ("PIMIENTÓN", "pimienton"),
            ("baker's yeast", "bakers yeast"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn fold_name_drops_quantity_punctuation() {
        assert_eq!(fold_name("Sun-dried tomatoes."), "sun dried tomatoes");
        assert_eq!(slugify("Chicken & rice bowl"), "chicken-rice-bowl");
        assert_eq!(slugify("Guiso de lentejas"), "guiso-de-lentejas");
    }
}
