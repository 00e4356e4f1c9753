//! The ingredient-line parser, English and Spanish: "2 1/2 cups chopped
//! onions", "medio kilo de carne picada", "1 (14 oz) can coconut milk",
//! "salt to taste" become a quantity, a unit, a food and a preparation.

use super::food::{FoodId, FoodTable};
use super::measure::{Amount, Size};
use super::quantity::Quantity;
use super::text::{fold_name, split_words};
use super::units::Unit;

/// One parsed ingredient line.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingredient {
    /// The line as written.
    pub original: String,
    /// How much, in which unit; counted things use [`Unit::Piece`]. `None`
    /// for "salt to taste".
    pub quantity: Option<Quantity>,
    /// The size of one package: the "14 oz" of "1 (14 oz) can".
    pub package: Option<Quantity>,
    pub size: Option<Size>,
    /// The food in the table, when recognised.
    pub food: Option<FoodId>,
    /// The canonical food name when recognised, else the words that name it.
    pub name: String,
    /// The food as written (folded) when those words say more than the
    /// food's name: "rotisserie chicken" and "pan amasado" are the foods
    /// "whole chicken" and "bread", but a shopping list or a pantry keeps
    /// what the person wrote. `None` when the food's name says it all.
    pub written: Option<String>,
    /// How it is prepared ("finely chopped", "picados").
    pub preparation: Option<String>,
    /// Anything else the line says ("or more to taste", "about 2 cups").
    pub note: Option<String>,
    pub to_taste: bool,
    pub optional: bool,
    /// A count unit written after the food ("2 garlic cloves"); consumed by
    /// the parser, always `None` in results.
    trailing_unit: Option<Unit>,
    /// A word standing where a unit would ("2 blorps flour") that is neither
    /// a unit nor a known adjective; `None` when a unit was read.
    pub unit_word: Option<String>,
}

impl Ingredient {
    /// A line kept as written when it cannot be parsed: its food is unknown
    /// and it has no amount, so nothing the author wrote is lost.
    pub fn unparsed(line: &str) -> Ingredient {
        Ingredient {
            original: line.trim().to_string(),
            quantity: None,
            package: None,
            size: None,
            food: None,
            name: fold_name(line),
            written: None,
            preparation: None,
            note: None,
            to_taste: false,
            optional: false,
            unit_word: None,
            trailing_unit: None,
        }
    }

    /// The quantity as an [`Amount`] for conversions (the typical amount of a range).
    pub fn amount(&self) -> Option<Amount> {
        self.quantity.map(|q| Amount {
            value: q.typical(),
            unit: q.unit,
            package: self.package,
            size: self.size,
        })
    }

    /// The name a shopping list or pantry keeps for this line: the words as
    /// written, in the singular, when they name a product ("rotisserie
    /// chickens" → "rotisserie chicken", "pollos asados" → "pollo asado")
    /// with words of the food table or [`PRODUCT_WORDS`] only; else the
    /// food's name ("lemons asap" → "lemon").
    pub fn item_name(&self, table: &FoodTable) -> String {
        let known = |w: &str| table.names_word(w) || PRODUCT_WORDS.contains(&w);
        match &self.written {
            Some(written) if written.split(' ').all(known) => written
                .split(' ')
                .map(|w| {
                    [w.strip_suffix("es"), w.strip_suffix('s')]
                        .into_iter()
                        .flatten()
                        .find(|s| s.len() > 2 && known(s))
                        .unwrap_or(w)
                })
                .collect::<Vec<_>>()
                .join(" "),
            _ => self.name.clone(),
        }
    }

    /// Grams of this ingredient, when the line and the food allow it.
    pub fn grams(&self, table: &FoodTable) -> Option<f64> {
        self.amount()?.grams(self.food.map(|id| table.get(id)))
    }
}

/// Why a line could not be read; the message says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the line is empty: write an amount and a food, like \"200 g flour\"")]
    Empty,
    #[error("\"{0}\" has an amount but no food: write what it is, like \"{0} flour\"")]
    NoFood(String),
    #[error(
        "\"{0}\" is not an amount I understand: write a number, a fraction or a range, like \"2\", \"1 1/2\", \"1/2\" or \"2-3\""
    )]
    BadQuantity(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Num(f64),
    /// A fraction written "1/2" or "½"; it adds to a preceding whole number.
    Frac(f64),
    Word(&'a str),
    Dash,
    Open,
    Close,
    Comma,
}

/// Tokens with the byte offset where each starts in the line.
fn tokenize(line: &str) -> Vec<(Tok<'_>, usize)> {
    let bytes = line.as_bytes();
    let mut out = Vec::with_capacity(12);
    let mut i = 0;
    while i < line.len() {
        let ch = match line[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let width = ch.len_utf8();
        if ch.is_ascii_digit() {
            let start = i;
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            // Decimal point or comma followed by a digit: "2.5", "2,5".
            if j + 1 < bytes.len()
                && (bytes[j] == b'.' || bytes[j] == b',')
                && bytes[j + 1].is_ascii_digit()
            {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
            }
            let text = line[start..j].replace(',', ".");
            let mut value: f64 = text.parse().unwrap_or(0.0);
            // "1/2" or "1⁄2"
            let slash_len = if line[j..].starts_with('/') {
                1
            } else if line[j..].starts_with('⁄') {
                '⁄'.len_utf8()
            } else {
                0
            };
            if slash_len > 0 && bytes.get(j + slash_len).is_some_and(u8::is_ascii_digit) {
                let k0 = j + slash_len;
                let mut k = k0;
                while k < bytes.len() && bytes[k].is_ascii_digit() {
                    k += 1;
                }
                let den: f64 = line[k0..k].parse().unwrap_or(0.0);
                if den > 0.0 {
                    value /= den;
                    out.push((Tok::Frac(value), start));
                    i = k;
                    continue;
                }
            }
            out.push((Tok::Num(value), start));
            i = j;
            continue;
        }
        if let Some(v) = vulgar_fraction(ch) {
            out.push((Tok::Frac(v), i));
            i += width;
            continue;
        }
        if ch.is_alphabetic() {
            let start = i;
            let mut j = i;
            for c in line[i..].chars() {
                if c.is_alphabetic() || c == '\'' || c == '’' || c == '.' && j > start {
                    // a period ends a word ("tbsp.") but stays with it
                    if c == '.' {
                        j += 1;
                        break;
                    }
                    j += c.len_utf8();
                } else if c == '-'
                    && line[j + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            out.push((Tok::Word(&line[start..j]), start));
            i = j;
            continue;
        }
        match ch {
            '-' | '–' | '—' => out.push((Tok::Dash, i)),
            '(' | '[' => out.push((Tok::Open, i)),
            ')' | ']' => out.push((Tok::Close, i)),
            ',' | ';' => out.push((Tok::Comma, i)),
            _ => {}
        }
        i += width;
    }
    out
}

fn vulgar_fraction(ch: char) -> Option<f64> {
    Some(match ch {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        '⅕' => 0.2,
        _ => return None,
    })
}

/// Number words that can open a quantity ("a", "one", "dos", "una docena").
fn number_word(folded: &str) -> Option<f64> {
    Some(match folded {
        "a" | "an" | "one" | "un" | "una" | "uno" => 1.0,
        "two" | "dos" => 2.0,
        "three" | "tres" => 3.0,
        "four" | "cuatro" => 4.0,
        "five" | "cinco" => 5.0,
        "six" | "seis" => 6.0,
        "seven" | "siete" => 7.0,
        "eight" | "ocho" => 8.0,
        "nine" | "nueve" => 9.0,
        "ten" | "diez" => 10.0,
        "eleven" | "once" => 11.0,
        "twelve" | "doce" => 12.0,
        "half" | "medio" | "media" => 0.5,
        "couple" | "par" => 2.0,
        "dozen" | "docena" => 12.0,
        "few" => 3.0,
        _ => return None,
    })
}

/// Words that multiply what came before: "un cuarto" (1 × 1/4), "tres
/// cuartos", "a dozen", "2 dozen".
fn multiplier_word(folded: &str) -> Option<f64> {
    Some(match folded {
        "quarter" | "quarters" | "cuarto" | "cuartos" => 0.25,
        "third" | "thirds" | "tercio" | "tercios" => 1.0 / 3.0,
        "half" | "halves" => 0.5,
        "dozen" | "docena" | "docenas" | "dozens" => 12.0,
        "couple" | "par" => 2.0,
        _ => return None,
    })
}

/// Adjectives that can sit before a unit and change nothing we track.
fn is_unit_adjective(folded: &str) -> bool {
    matches!(
        folded,
        "heaping"
            | "heaped"
            | "level"
            | "generous"
            | "scant"
            | "rounded"
            | "good"
            | "big"
            | "colmada"
            | "colmadas"
            | "rasa"
            | "rasas"
            | "generosa"
            | "generosas"
            | "abundante"
            | "abundantes"
            | "about"
            | "approximately"
            | "approx"
            | "around"
            | "aproximadamente"
            | "unos"
            | "unas"
            | "some"
            | "algunos"
            | "algunas"
    )
}

/// Words for counted things that are not a food measure of their own.
fn count_noun(folded: &str) -> bool {
    matches!(
        folded,
        "slice"
            | "slices"
            | "rebanada"
            | "rebanadas"
            | "rodaja"
            | "rodajas"
            | "sprig"
            | "sprigs"
            | "ramita"
            | "ramitas"
            | "rama"
            | "ramas"
            | "stalk"
            | "stalks"
            | "stick"
            | "sticks"
            | "tallo"
            | "tallos"
            | "head"
            | "heads"
            | "cabeza"
            | "cabezas"
            | "leaf"
            | "leaves"
            | "hoja"
            | "hojas"
            | "fillet"
            | "fillets"
            | "filete"
            | "filetes"
            | "package"
            | "packages"
            | "pack"
            | "packet"
            | "packets"
            | "paquete"
            | "paquetes"
            | "sobre"
            | "sobres"
            | "jar"
            | "jars"
            | "frasco"
            | "frascos"
            | "bag"
            | "bags"
            | "bolsa"
            | "bolsas"
            | "box"
            | "boxes"
            | "caja"
            | "cajas"
            | "bottle"
            | "bottles"
            | "botella"
            | "botellas"
            | "container"
            | "containers"
            | "envelope"
            | "envelopes"
            | "handful"
            | "handfuls"
            | "punado"
            | "punados"
            | "dash"
            | "dashes"
            | "chorrito"
            | "chorro"
            | "splash"
            | "drop"
            | "drops"
            | "gota"
            | "gotas"
            | "knob"
            | "piece"
            | "pieces"
            | "trozo"
            | "trozos"
    )
}

/// Words that connect an amount to a food and mean nothing else.
fn is_filler(folded: &str) -> bool {
    matches!(
        folded,
        "of" | "de" | "del" | "the" | "la" | "el" | "los" | "las" | "some" | "a" | "an"
    )
}

const TO_TASTE: [&str; 9] = [
    "to taste",
    "a gusto",
    "al gusto",
    "c n",
    "cantidad necesaria",
    "as needed",
    "as required",
    "if needed",
    "si hace falta",
];
const OPTIONAL: [&str; 3] = ["optional", "opcional", "if desired"];

struct Cursor<'a, 't> {
    toks: &'t [(Tok<'a>, usize)],
    /// Each word token folded once (empty for other tokens).
    folded: &'t [String],
    pos: usize,
}

impl<'a, 't> Cursor<'a, 't> {
    fn peek(&self) -> Option<Tok<'a>> {
        self.toks.get(self.pos).map(|t| t.0)
    }
    fn peek_at(&self, k: usize) -> Option<Tok<'a>> {
        self.toks.get(self.pos + k).map(|t| t.0)
    }
    fn word(&self, k: usize) -> Option<&'t str> {
        match self.peek_at(k) {
            Some(Tok::Word(_)) => self.folded.get(self.pos + k).map(String::as_str),
            _ => None,
        }
    }
    fn offset(&self, line_len: usize) -> usize {
        self.toks.get(self.pos).map_or(line_len, |t| t.1)
    }
}

/// Reads one number: "2", "2.5", "1 1/2", "½", "1½", "one", "medio",
/// "un cuarto", "tres cuartos", "1 y 1/2", "one and a half".
fn read_number(c: &mut Cursor<'_, '_>) -> Option<f64> {
    let mut value = match c.peek()? {
        Tok::Num(n) => {
            c.pos += 1;
            let mut v = n;
            if let Some(Tok::Frac(f)) = c.peek()
                && n.fract() == 0.0
            {
                v += f;
                c.pos += 1;
            }
            v
        }
        Tok::Frac(f) => {
            c.pos += 1;
            f
        }
        Tok::Word(_) => {
            let w = c.word(0)?;
            let v = number_word(w)?;
            // "a" and "an" only count when a multiplier or unit follows:
            // never read "a" of "a gusto" as one.
            if matches!(w, "a" | "an") {
                let next = c.word(1).unwrap_or_default();
                if multiplier_word(next).is_none()
                    && Unit::from_word(next).is_none()
                    && !count_noun(next)
                    && !matches!(next, "few" | "couple")
                {
                    return None;
                }
            }
            c.pos += 1;
            v
        }
        _ => return None,
    };
    // "un cuarto", "tres cuartos", "2 dozen", "a couple"
    if let Some(w) = c.word(0)
        && let Some(m) = multiplier_word(w)
    {
        value *= m;
        c.pos += 1;
        if matches!(c.word(0), Some("of" | "de")) {
            c.pos += 1;
        }
    }
    // "half a cup", "medio un kilo" never; "half a" yes.
    if (value - 0.5).abs() < 1e-9 && matches!(c.word(0), Some("a" | "an")) {
        c.pos += 1;
    }
    // "1 y 1/2", "1 y medio", "one and a half", "1 and 1/2"
    if let Some(w) = c.word(0)
        && matches!(w, "y" | "and")
    {
        let save = c.pos;
        c.pos += 1;
        if c.word(0) == Some("a") {
            c.pos += 1;
        }
        match c.peek() {
            Some(Tok::Frac(f)) => {
                value += f;
                c.pos += 1;
            }
            Some(Tok::Word(_)) if matches!(c.word(0), Some("half" | "medio" | "media")) => {
                value += 0.5;
                c.pos += 1;
            }
            _ => c.pos = save,
        }
    }
    Some(value)
}

/// Reads an amount or a range: "2-3", "2 to 3", "2 a 3", "2 or 3".
fn read_amount(c: &mut Cursor<'_, '_>) -> Option<(f64, Option<f64>)> {
    let mut low = read_number(c)?;
    // "1-1/2 cups" is one and a half, not a range.
    if low.fract() == 0.0
        && c.peek() == Some(Tok::Dash)
        && let Some(Tok::Frac(f)) = c.peek_at(1)
        && f < 1.0
    {
        low += f;
        c.pos += 2;
    }
    let save = c.pos;
    let is_sep = match c.peek() {
        Some(Tok::Dash) => true,
        Some(Tok::Word(_)) => matches!(c.word(0), Some("to" | "a" | "or" | "o")),
        _ => false,
    };
    if is_sep {
        c.pos += 1;
        if matches!(c.peek(), Some(Tok::Num(_) | Tok::Frac(_)))
            && let Some(high) = read_number(c)
        {
            if high > low {
                return Some((low, Some(high)));
            }
            return Some((low, None));
        }
        c.pos = save;
    }
    Some((low, None))
}

/// Reads a unit: one word, or "fl oz" / "fluid ounces".
fn read_unit(c: &mut Cursor<'_, '_>) -> Option<Unit> {
    let w = c.word(0)?;
    if matches!(w, "fl" | "fluid")
        && let Some(next) = c.word(1)
        && matches!(next, "oz" | "ounce" | "ounces")
    {
        c.pos += 2;
        return Some(Unit::FluidOunce);
    }
    let unit = Unit::from_word(w)?;
    // "c" alone is a cup only as an abbreviation; "can" is also a verb but
    // never starts a food name, so it stays.
    c.pos += 1;
    Some(unit)
}

/// Reads "(14 oz)", "(400 g)", "(14-ounce)", "(about 2 cups)": a package size.
fn read_package(c: &mut Cursor<'_, '_>) -> Option<Quantity> {
    if c.peek() != Some(Tok::Open) {
        return None;
    }
    let save = c.pos;
    c.pos += 1;
    if let Some(w) = c.word(0)
        && is_unit_adjective(w)
    {
        c.pos += 1;
    }
    if let Some((amount, max)) = read_amount(c) {
        if c.peek() == Some(Tok::Dash) {
            c.pos += 1;
        }
        if let Some(unit) = read_unit(c)
            && matches!(
                unit,
                Unit::Gram
                    | Unit::Kilogram
                    | Unit::Ounce
                    | Unit::Pound
                    | Unit::Millilitre
                    | Unit::Litre
                    | Unit::FluidOunce
            )
        {
            if let Some(w) = c.word(0)
                && matches!(w, "can" | "cans" | "each" | "lata" | "latas")
            {
                c.pos += 1;
            }
            if c.peek() == Some(Tok::Close) {
                c.pos += 1;
                return Some(Quantity { amount, max, unit });
            }
        }
    }
    c.pos = save;
    None
}

/// Reads "14-oz can" or "400 g lata" after a count: a package size without
/// parentheses, left for the unit to follow.
fn read_bare_package(c: &mut Cursor<'_, '_>) -> Option<Quantity> {
    let save = c.pos;
    let (amount, max) = match c.peek() {
        Some(Tok::Num(_) | Tok::Frac(_)) => read_amount(c)?,
        _ => return None,
    };
    if c.peek() == Some(Tok::Dash) {
        c.pos += 1;
    }
    let unit = read_unit(c);
    let next_is_container = c.word(0).is_some_and(|w| {
        matches!(Unit::from_word(w), Some(Unit::Can))
            || (count_noun(w) && !matches!(w, "piece" | "pieces"))
    });
    match unit {
        Some(u) if u.dimension() != super::units::Dimension::Count && next_is_container => {
            Some(Quantity {
                amount,
                max,
                unit: u,
            })
        }
        _ => {
            c.pos = save;
            None
        }
    }
}

/// Parses one ingredient line against a food table.
pub fn parse_line(line: &str, table: &FoodTable) -> Result<Ingredient, ParseError> {
    let original = line.trim();
    let body = original.trim_start_matches(['-', '*', '•', '·', '▢', '□', '☐', ' ', '\t']);
    if body.is_empty() {
        return Err(ParseError::Empty);
    }
    let toks = tokenize(body);
    let folded: Vec<String> = toks
        .iter()
        .map(|(t, _)| match t {
            Tok::Word(w) => fold_name(w),
            _ => String::new(),
        })
        .collect();
    let mut c = Cursor {
        toks: &toks,
        folded: &folded,
        pos: 0,
    };

    let mut size = None;
    // "About 2 cups", "unos 200 g": an approximation changes nothing.
    if c.word(0).is_some_and(is_unit_adjective)
        && matches!(c.peek_at(1), Some(Tok::Num(_) | Tok::Frac(_)))
    {
        c.pos += 1;
    }
    let amount = read_amount(&mut c);
    let mut package = read_package(&mut c);
    while let Some(w) = c.word(0) {
        if is_unit_adjective(w) {
            c.pos += 1;
        } else if let Some(s) = Size::from_word(w) {
            size = Some(s);
            c.pos += 1;
        } else {
            break;
        }
    }
    if package.is_none() && amount.is_some() {
        package = read_bare_package(&mut c);
    }
    let unit_start = c.pos;
    let mut unit = read_unit(&mut c);
    // "can" and "c" are also ordinary words; without an amount they are not units.
    if amount.is_none()
        && matches!(unit, Some(Unit::Can | Unit::Cup | Unit::Piece))
        && matches!(
            folded.get(unit_start).map(String::as_str),
            Some("can" | "c" | "u" | "cans" | "piece" | "pieces")
        )
    {
        unit = None;
        c.pos = unit_start;
    }
    let mut note_words: Vec<String> = Vec::new();
    if unit.is_none()
        && let Some(w) = c.word(0)
        && amount.is_some()
        && count_noun(w)
    {
        note_words.push(w.to_string());
        c.pos += 1;
    }
    if package.is_none() {
        package = read_package(&mut c);
    }
    // "kilo y medio de harina", "un kilo y medio", "1 taza y media"
    let mut amount = amount;
    let and_a_half = unit.is_some()
        && matches!(c.word(0), Some("y" | "and"))
        && matches!(c.word(1), Some("medio" | "media" | "half"));
    if and_a_half {
        c.pos += 2;
    }
    let extra = if and_a_half { 0.5 } else { 0.0 };
    if unit.is_some() {
        amount = Some(match amount {
            None => (1.0 + extra, None),
            Some((low, max)) => (low + extra, max.map(|m| m + extra)),
        });
    }
    while let Some(w) = c.word(0) {
        if is_filler(w) || is_unit_adjective(w) {
            c.pos += 1;
        } else if let Some(s) = Size::from_word(w) {
            size = Some(s);
            c.pos += 1;
        } else {
            break;
        }
    }
    let rest_start = c.offset(body.len());
    let rest = &body[rest_start..];

    // An amount with nothing after it cannot name a food.
    if amount.is_some() && fold_name(rest).is_empty() {
        return Err(ParseError::NoFood(body.to_string()));
    }
    // A leading token that looked like a number but was not ("1/0 cups").
    if amount.is_none() && matches!(toks.first().map(|t| t.0), Some(Tok::Num(_) | Tok::Frac(_))) {
        return Err(ParseError::BadQuantity(body.to_string()));
    }

    let mut ing = describe(rest, table);
    if unit.is_some() || amount.is_none() {
        ing.unit_word = None;
    }
    if unit.is_none()
        && let Some(u) = ing.trailing_unit.take()
    {
        unit = Some(u);
    }
    let quantity = amount.map(|(amount, max)| Quantity {
        amount,
        max,
        unit: unit.unwrap_or(Unit::Piece),
    });
    if quantity.is_some_and(|q| !(q.amount.is_finite() && q.amount > 0.0)) {
        return Err(ParseError::BadQuantity(body.to_string()));
    }
    ing.original = original.to_string();
    ing.quantity = quantity;
    ing.package = package;
    if ing.size.is_none() {
        ing.size = size;
    }
    if !note_words.is_empty() {
        let joined = note_words.join(" ");
        ing.note = Some(match ing.note.take() {
            Some(n) => format!("{joined}; {n}"),
            None => joined,
        });
    }
    if ing.name.is_empty() {
        return Err(match quantity {
            Some(_) => ParseError::NoFood(body.to_string()),
            None => ParseError::Empty,
        });
    }
    Ok(ing)
}

/// Splits the words after the quantity into food, preparation and notes.
fn describe(rest: &str, table: &FoodTable) -> Ingredient {
    let mut to_taste = false;
    let mut optional = false;
    let mut notes: Vec<String> = Vec::new();

    // Parenthesised asides are notes: "(optional)", "(about 2 cups)".
    let mut main = String::with_capacity(rest.len());
    let mut depth = 0usize;
    let mut aside = String::new();
    for ch in rest.chars() {
        match ch {
            '(' | '[' => {
                depth += 1;
                if depth == 1 {
                    aside.clear();
                    continue;
                }
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let a = aside.trim();
                    if !a.is_empty() {
                        notes.push(a.to_string());
                    }
                    main.push(' ');
                    continue;
                }
            }
            _ => {}
        }
        if depth > 0 {
            aside.push(ch);
        } else {
            main.push(ch);
        }
    }
    if depth > 0 && !aside.trim().is_empty() {
        notes.push(aside.trim().to_string());
    }

    // Food part before the first comma, preparation after it.
    let (food_part, prep_part) = match main.find([',', ';']) {
        Some(i) => (&main[..i], main[i + 1..].trim()),
        None => (main.as_str(), ""),
    };
    let mut food_folded = fold_name(food_part);
    let mut prep_folded = fold_name(prep_part);
    for marker in TO_TASTE {
        for text in [&mut food_folded, &mut prep_folded] {
            if let Some(stripped) = strip_phrase(text, marker) {
                *text = stripped;
                to_taste = true;
            }
        }
    }
    for marker in OPTIONAL {
        for text in [&mut food_folded, &mut prep_folded] {
            if let Some(stripped) = strip_phrase(text, marker) {
                *text = stripped;
                optional = true;
            }
        }
    }
    notes.retain(|n| {
        let f = fold_name(n);
        if OPTIONAL.iter().any(|m| f == *m) {
            optional = true;
            return false;
        }
        if TO_TASTE.iter().any(|m| f == *m) {
            to_taste = true;
            return false;
        }
        true
    });

    let (words, offsets) = split_words(&food_folded);
    let mut found = table.find_in(&words, &food_folded, &offsets);
    let mut prep_words_used_for_food = None;
    if found.is_none() && !prep_folded.is_empty() {
        let (pw, po) = split_words(&prep_folded);
        if let Some((id, start, len)) = table.find_in(&pw, &prep_folded, &po) {
            prep_words_used_for_food = Some((start, len));
            found = Some((id, usize::MAX, 0));
            let _ = id;
        }
    }

    let mut size = None;
    let mut prep: Vec<String> = Vec::new();
    let mut note_tail: Vec<String> = Vec::new();
    let unit_word = match found {
        Some((_, start, _)) if start != usize::MAX && start > 0 => {
            let w = words[0];
            (!is_preparation_word(w)
                && Size::from_word(w).is_none()
                && !is_filler(w)
                && !count_noun(w))
            .then(|| w.to_string())
        }
        _ => None,
    };
    // "2 garlic cloves": the alias ends with the unit.
    let mut trailing_unit = match found {
        Some((id, start, len)) if start != usize::MAX && len > 1 => {
            let head = words[start..start + len - 1].join(" ");
            Unit::from_word(words[start + len - 1])
                .filter(|u| *u == Unit::Clove && table.lookup_folded(&head) == Some(id))
        }
        _ => None,
    };
    let mut written = None;
    let (food, name) = match found {
        Some((id, start, len)) if start != usize::MAX => {
            written = written_span(&words, start, len);
            let mut after_conj = false;
            let mut leading = true;
            for (i, w) in words.iter().enumerate() {
                if i >= start && i < start + len {
                    leading = false;
                    continue;
                }
                if i == start + len
                    && trailing_unit.is_none()
                    && let Some(u) = Unit::from_word(w)
                        .filter(|u| matches!(u, Unit::Clove | Unit::Can | Unit::Bunch))
                {
                    trailing_unit = Some(u);
                    continue;
                }
                if i > start && matches!(*w, "and" | "or" | "y" | "o" | "plus" | "mas") {
                    after_conj = true;
                }
                if after_conj {
                    note_tail.push((*w).to_string());
                } else if let Some(s) = Size::from_word(w) {
                    size = Some(s);
                } else if !(leading && is_filler(w)) {
                    prep.push((*w).to_string());
                    leading = false;
                }
            }
            (Some(id), table.get(id).name.clone())
        }
        Some((id, _, _)) => {
            // The food was only named after the comma ("1 cup, chopped onions").
            let (pw, _) = split_words(&prep_folded);
            let (s, l) = prep_words_used_for_food.unwrap_or((0, 0));
            for w in words.iter().filter(|w| !is_filler(w)) {
                prep.push((*w).to_string());
            }
            let remaining: Vec<&str> = pw
                .iter()
                .enumerate()
                .filter(|(i, _)| *i < s || *i >= s + l)
                .map(|(_, w)| *w)
                .collect();
            prep_folded = remaining.join(" ");
            (Some(id), table.get(id).name.clone())
        }
        None => {
            // Unknown food: its name is the words left after taking out
            // preparation and size words.
            let mut name_words = Vec::new();
            for w in &words {
                if let Some(s) = Size::from_word(w) {
                    size = Some(s);
                } else if is_preparation_word(w) {
                    prep.push((*w).to_string());
                } else if !(name_words.is_empty() && is_filler(w)) {
                    name_words.push(*w);
                }
            }
            (None, name_words.join(" "))
        }
    };
    let (prep_text, purpose) = split_purpose(&prep_folded);
    if let Some(p) = purpose {
        notes.push(p);
    }
    if !prep_text.is_empty() {
        prep.push(prep_text);
    }
    if !note_tail.is_empty() {
        notes.insert(0, note_tail.join(" "));
    }
    Ingredient {
        original: String::new(),
        quantity: None,
        package: None,
        size,
        food,
        name,
        written,
        preparation: (!prep.is_empty()).then(|| prep.join(" ")),
        note: (!notes.is_empty()).then(|| notes.join("; ")),
        to_taste,
        optional,
        unit_word,
        trailing_unit,
    }
}

/// Splits "batido para pintar" into the preparation and what it is for
/// ("para pintar", "for garnish", "plus more for dusting"), and drops
/// conjunctions left dangling by "or to taste".
fn split_purpose(prep: &str) -> (String, Option<String>) {
    let words: Vec<&str> = prep.split(' ').filter(|w| !w.is_empty()).collect();
    let cut = words
        .iter()
        .position(|w| matches!(*w, "for" | "para" | "plus" | "mas" | "to"))
        .filter(|i| *i > 0 || words.len() > 1);
    let (keep, purpose) = match cut {
        Some(i) => (&words[..i], Some(words[i..].join(" "))),
        None => (&words[..], None),
    };
    let mut keep: Vec<&str> = keep.to_vec();
    while keep
        .last()
        .is_some_and(|w| matches!(*w, "or" | "and" | "o" | "y"))
    {
        keep.pop();
    }
    while keep
        .first()
        .is_some_and(|w| matches!(*w, "or" | "and" | "o" | "y"))
    {
        keep.remove(0);
    }
    (keep.join(" "), purpose)
}

/// Removes a whole-word phrase from folded text; `None` when absent.
fn strip_phrase(text: &str, phrase: &str) -> Option<String> {
    if !text.contains(phrase) {
        return None;
    }
    let padded = format!(" {text} ");
    let needle = format!(" {phrase} ");
    if !padded.contains(&needle) {
        return None;
    }
    Some(fold_name(&padded.replacen(&needle, " ", 1)))
}

/// Words that make another product of a food ("rotisserie chicken", "pan
/// casero"), besides the words of the food table's own names.
pub const PRODUCT_WORDS: &[&str] = &[
    "rotisserie",
    "roast",
    "roasted",
    "smoked",
    "grilled",
    "fried",
    "baked",
    "barbecued",
    "bbq",
    "cured",
    "pickled",
    "marinated",
    "breaded",
    "stuffed",
    "homemade",
    "instant",
    "wholemeal",
    "wholegrain",
    "sourdough",
    "asado",
    "asada",
    "ahumado",
    "ahumada",
    "frito",
    "frita",
    "horneado",
    "horneada",
    "curado",
    "curada",
    "encurtido",
    "encurtida",
    "marinado",
    "marinada",
    "empanado",
    "rebozado",
    "rebozada",
    "relleno",
    "rellena",
    "casero",
    "casera",
    "amasado",
    "integral",
    "instantaneo",
    "instantanea",
];

/// Words next to a food that describe this piece of it rather than name
/// another product: "ripe bananas" are bananas, "leftover rice" is rice.
const DESCRIPTIVE: &[&str] = &[
    "ripe",
    "organic",
    "leftover",
    "leftovers",
    "extra",
    "more",
    "spare",
    "good",
    "nice",
    "new",
    "little",
    "bit",
    "plain",
    "regular",
    "normal",
    "maduro",
    "madura",
    "maduros",
    "maduras",
    "organico",
    "organica",
    "organicos",
    "organicas",
    "sobrante",
    "sobrantes",
    "mas",
    "otro",
    "otra",
    "otros",
    "otras",
    "nuevo",
    "nueva",
    "comun",
];

/// Function words that end the words naming a food ("tomatoes for the
/// salad", "milk that we like").
const NOT_NAMING: &[&str] = &[
    "for", "para", "to", "from", "in", "at", "by", "que", "that", "which", "this", "these",
    "those", "este", "esta", "estos", "estas", "my", "our", "your", "mi", "mis", "nuestro",
    "nuestra", "tu", "tus", "su", "sus", "it", "them", "lo", "le", "les", "all", "todo", "toda",
    "todos", "todas", "any", "unos", "unas", "un", "una", "por", "favor", "please", "pls",
    "thanks", "gracias", "too", "also", "tambien", "again", "otra", "vez", "now", "ahora", "hoy",
    "today", "tomorrow", "manana", "is", "are", "es", "son", "we", "i",
];

/// The words around a food's alias that make another product of it
/// ("rotisserie chicken", "pan amasado", "pan de campo"), with the alias:
/// words that are no preparation, size, filler, unit, number or
/// description. `None` when there are none.
fn written_span(words: &[&str], start: usize, len: usize) -> Option<String> {
    let naming = |w: &str| {
        !is_preparation_word(w)
            && !is_filler(w)
            && Size::from_word(w).is_none()
            && Unit::from_word(w).is_none()
            && !DESCRIPTIVE.contains(&w)
            && !matches!(
                w,
                "and" | "or" | "y" | "o" | "plus" | "with" | "con" | "sin" | "without"
            )
            && !NOT_NAMING.contains(&w)
            && w.chars().all(char::is_alphabetic)
    };
    let mut from = start;
    while from > 0 && naming(words[from - 1]) {
        from -= 1;
    }
    let mut to = start + len;
    loop {
        match words.get(to) {
            Some(w) if naming(w) => to += 1,
            // "pan de campo": a filler joins a naming word to the food.
            Some(w) if is_filler(w) && words.get(to + 1).is_some_and(|n| naming(n)) => to += 2,
            _ => break,
        }
    }
    (from < start || to > start + len).then(|| words[from..to].join(" "))
}

/// Preparation words, used to find the name of a food the table does not know.
fn is_preparation_word(folded: &str) -> bool {
    const WORDS: &[&str] = &[
        "chopped",
        "diced",
        "minced",
        "sliced",
        "grated",
        "shredded",
        "crushed",
        "peeled",
        "cubed",
        "julienned",
        "finely",
        "roughly",
        "coarsely",
        "thinly",
        "thickly",
        "freshly",
        "melted",
        "softened",
        "beaten",
        "drained",
        "rinsed",
        "cooked",
        "uncooked",
        "toasted",
        "halved",
        "quartered",
        "trimmed",
        "seeded",
        "cored",
        "zested",
        "juiced",
        "boneless",
        "skinless",
        "packed",
        "sifted",
        "fresh",
        "frozen",
        "thawed",
        "dried",
        "ground",
        "whole",
        "raw",
        "warm",
        "cold",
        "hot",
        "room",
        "temperature",
        "lightly",
        "well",
        "picado",
        "picada",
        "picados",
        "picadas",
        "cortado",
        "cortada",
        "cortados",
        "cortadas",
        "rallado",
        "rallada",
        "rallados",
        "ralladas",
        "pelado",
        "pelada",
        "pelados",
        "peladas",
        "fresco",
        "fresca",
        "frescos",
        "frescas",
        "molido",
        "molida",
        "en",
        "cubos",
        "rodajas",
        "tiras",
        "juliana",
        "finamente",
        "derretida",
        "derretido",
        "batido",
        "batidos",
        "escurrido",
        "escurridos",
        "cocido",
        "cocidos",
        "cocida",
        "cocidas",
        "congelado",
        "congelados",
        "seco",
        "secos",
        "seca",
        "secas",
    ];
    WORDS.contains(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Ingredient {
        parse_line(line, FoodTable::builtin()).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    #[test]
    fn keeps_the_words_that_make_another_product() {
        let written = |line: &str| parse(line).written;
        let i = parse("1 rotisserie chicken");
        assert_eq!(i.name, "whole chicken");
        assert_eq!(i.written.as_deref(), Some("rotisserie chicken"));
        assert_eq!(written("pan amasado").as_deref(), Some("pan amasado"));
        assert_eq!(written("pan de ajo").as_deref(), Some("pan de ajo"));
        // Cuts, sizes, descriptions and what follows the food are no part
        // of its name.
        for line in [
            "2 cups chopped onions",
            "3 large ripe bananas",
            "tomatoes for the salad",
            "leftover rice",
            "2 cans chickpeas",
            "rice and beans",
            "salt to taste",
        ] {
            assert_eq!(written(line), None, "{line}");
        }
    }

    #[test]
    fn reads_the_examples_from_the_issue() {
        let i = parse("2 1/2 cups chopped onions");
        assert_eq!(i.quantity, Some(Quantity::new(2.5, Unit::Cup)));
        assert_eq!(i.name, "onion");
        assert_eq!(i.preparation.as_deref(), Some("chopped"));

        let i = parse("medio kilo de carne picada");
        assert_eq!(i.quantity, Some(Quantity::new(0.5, Unit::Kilogram)));
        assert_eq!(i.name, "ground beef");
        assert_eq!(i.preparation, None);

        let i = parse("1 (14 oz) can coconut milk");
        assert_eq!(i.quantity, Some(Quantity::new(1.0, Unit::Can)));
        assert_eq!(i.package, Some(Quantity::new(14.0, Unit::Ounce)));
        assert_eq!(i.name, "coconut milk");

        let i = parse("salt to taste");
        assert_eq!(i.quantity, None);
        assert_eq!(i.name, "salt");
        assert!(i.to_taste);
    }

    #[test]
    fn rejects_lines_that_say_nothing() {
        let t = FoodTable::builtin();
        assert_eq!(parse_line("   ", t), Err(ParseError::Empty));
        assert!(matches!(
            parse_line("2 cups", t),
            Err(ParseError::NoFood(_))
        ));
        assert!(matches!(
            parse_line("0 g flour", t),
            Err(ParseError::BadQuantity(_))
        ));
    }
}
