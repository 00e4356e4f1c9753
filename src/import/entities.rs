//! HTML character references: named (`&amp;`, `&frac12;`, `&eacute;`…) and
//! numeric (`&#39;`, `&#x2019;`), decoded the way browsers do for the
//! references recipe pages actually use.

/// Latin-1 names, U+00A0 to U+00FF in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Other named references that turn up in recipes.
const OTHER: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ndash", "\u{2013}"),
    ("mdash", "\u{2014}"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("sbquo", "\u{201A}"),
    ("ldquo", "\u{201C}"),
    ("rdquo", "\u{201D}"),
    ("bdquo", "\u{201E}"),
    ("lsaquo", "\u{2039}"),
    ("rsaquo", "\u{203A}"),
    ("hellip", "\u{2026}"),
    ("bull", "\u{2022}"),
    ("prime", "\u{2032}"),
    ("Prime", "\u{2033}"),
    ("dagger", "\u{2020}"),
    ("Dagger", "\u{2021}"),
    ("permil", "\u{2030}"),
    ("frasl", "\u{2044}"),
    ("euro", "\u{20AC}"),
    ("trade", "\u{2122}"),
    ("minus", "\u{2212}"),
    ("le", "\u{2264}"),
    ("ge", "\u{2265}"),
    ("ne", "\u{2260}"),
    ("asymp", "\u{2248}"),
    ("infin", "\u{221E}"),
    ("larr", "\u{2190}"),
    ("rarr", "\u{2192}"),
    ("harr", "\u{2194}"),
    ("hearts", "\u{2665}"),
    ("star", "\u{2606}"),
    ("starf", "\u{2605}"),
    ("check", "\u{2713}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("hairsp", "\u{200A}"),
    ("zwnj", "\u{200C}"),
    ("zwj", "\u{200D}"),
    ("lrm", "\u{200E}"),
    ("rlm", "\u{200F}"),
    ("NewLine", "\n"),
    ("Tab", "\t"),
    ("colon", ":"),
    ("comma", ","),
    ("period", "."),
    ("excl", "!"),
    ("quest", "?"),
    ("num", "#"),
    ("percnt", "%"),
    ("dollar", "$"),
    ("lpar", "("),
    ("rpar", ")"),
    ("ast", "*"),
    ("plus", "+"),
    ("sol", "/"),
    ("bsol", "\\"),
    ("semi", ";"),
    ("equals", "="),
    ("lsqb", "["),
    ("rsqb", "]"),
    ("lbrack", "["),
    ("rbrack", "]"),
    ("lcub", "{"),
    ("rcub", "}"),
    ("lbrace", "{"),
    ("rbrace", "}"),
    ("verbar", "|"),
    ("vert", "|"),
    ("grave", "`"),
    ("Hat", "^"),
    ("lowbar", "_"),
    ("half", "\u{00BD}"),
    ("frac13", "\u{2153}"),
    ("frac23", "\u{2154}"),
    ("frac15", "\u{2155}"),
    ("frac25", "\u{2156}"),
    ("frac35", "\u{2157}"),
    ("frac45", "\u{2158}"),
    ("frac16", "\u{2159}"),
    ("frac56", "\u{215A}"),
    ("frac18", "\u{215B}"),
    ("frac38", "\u{215C}"),
    ("frac58", "\u{215D}"),
    ("frac78", "\u{215E}"),
    ("OElig", "\u{0152}"),
    ("oelig", "\u{0153}"),
    ("Scaron", "\u{0160}"),
    ("scaron", "\u{0161}"),
    ("Yuml", "\u{0178}"),
    ("fnof", "\u{0192}"),
    ("circ", "\u{02C6}"),
    ("tilde", "\u{02DC}"),
    ("Ccaron", "\u{010C}"),
    ("ccaron", "\u{010D}"),
    ("Zcaron", "\u{017D}"),
    ("zcaron", "\u{017E}"),
    ("Rcaron", "\u{0158}"),
    ("rcaron", "\u{0159}"),
    ("Ecaron", "\u{011A}"),
    ("ecaron", "\u{011B}"),
    ("Lstrok", "\u{0141}"),
    ("lstrok", "\u{0142}"),
    ("Odblac", "\u{0150}"),
    ("odblac", "\u{0151}"),
    ("Udblac", "\u{0170}"),
    ("udblac", "\u{0171}"),
    ("alpha", "\u{03B1}"),
    ("beta", "\u{03B2}"),
    ("mu", "\u{03BC}"),
    ("pi", "\u{03C0}"),
];

/// Looks a reference name (without `&` and `;`) up.
fn named(name: &str) -> Option<String> {
    if let Some(pos) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + pos as u32).map(String::from);
    }
    OTHER
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| (*v).to_string())
}

/// References that browsers also decode without the closing `;` ("&amp",
/// "&nbsp", "&eacute"): the legacy ones.
fn legacy(name: &str) -> bool {
    LATIN1.contains(&name) || matches!(name, "amp" | "lt" | "gt" | "quot")
}

/// Windows-1252 meanings of the C1 code points, which pages write as
/// numeric references (`&#146;` for a right quote).
fn windows_1252(code: u32) -> Option<char> {
    const TABLE: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    if (0x80..=0x9F).contains(&code) {
        let idx = (code - 0x80) as usize;
        TABLE.get(idx).and_then(|c| char::from_u32(*c))
    } else {
        None
    }
}

fn numeric(code: u32) -> char {
    if code == 0 {
        return '\u{FFFD}';
    }
    if let Some(c) = windows_1252(code) {
        return c;
    }
    char::from_u32(code).unwrap_or('\u{FFFD}')
}

/// Decodes the character references of `input` once ("&amp;lt;" → "&lt;").
pub fn decode_once(input: &str) -> String {
    if !input.contains('&') {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        match decode_at(after) {
            Some((text, used)) => {
                out.push_str(&text);
                rest = after.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the reference right after an `&`: its text and how many bytes of
/// `after` it used.
fn decode_at(after: &str) -> Option<(String, usize)> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (hex, start) = match bytes.get(1) {
            Some(b'x') | Some(b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut end = start;
        while end < bytes.len()
            && (if hex {
                bytes[end].is_ascii_hexdigit()
            } else {
                bytes[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        if end == start {
            return None;
        }
        let digits = after.get(start..end)?;
        let code = if digits.len() > 8 {
            0x110000
        } else {
            u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(0x110000)
        };
        let used = if bytes.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return Some((numeric(code).to_string(), used));
    }
    let mut end = 0;
    while end < bytes.len() && end < 32 && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == 0 {
        return None;
    }
    let name = after.get(..end)?;
    if bytes.get(end) == Some(&b';') {
        return named(name).map(|t| (t, end + 1));
    }
    if legacy(name) {
        return named(name).map(|t| (t, end));
    }
    None
}

/// Decodes references, also those encoded twice ("&amp;frac12;" → "½"),
/// as pages that escape their JSON-LD twice need.
pub fn decode(input: &str) -> String {
    let mut text = decode_once(input);
    for _ in 0..2 {
        if !text.contains('&') {
            break;
        }
        let again = decode_once(&text);
        if again == text {
            break;
        }
        text = again;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_numeric_references() {
        assert_eq!(decode("1&frac12; cups"), "1½ cups");
        assert_eq!(decode("&frac14; &frac34; 350&deg;F"), "¼ ¾ 350°F");
        assert_eq!(decode("salt &amp; pepper"), "salt & pepper");
        assert_eq!(decode("&quot;hi&quot; it&#39;s"), "\"hi\" it's");
        assert_eq!(decode("cook&rsquo;s 5&ndash;6"), "cook\u{2019}s 5\u{2013}6");
        assert_eq!(
            decode("jalape&ntilde;o cr&egrave;me br&ucirc;l&eacute;e"),
            "jalapeño crème brûlée"
        );
        assert_eq!(decode("a&nbsp;b"), "a\u{a0}b");
        assert_eq!(decode("&#x2019;&#8217;&#146;"), "’’’");
        assert_eq!(decode("&#x1F600;"), "😀");
    }

    #[test]
    fn unknown_and_broken_references_stay() {
        assert_eq!(decode("a & b"), "a & b");
        assert_eq!(decode("?a=1&b=2"), "?a=1&b=2");
        assert_eq!(decode("&bogus; &#; &"), "&bogus; &#; &");
        assert_eq!(decode("&#99999999999;"), "\u{FFFD}");
        assert_eq!(decode("&#0;"), "\u{FFFD}");
        assert_eq!(decode("AT&T"), "AT&T");
    }

    #[test]
    fn double_encoded_and_legacy_references() {
        assert_eq!(decode("&amp;frac12; cup"), "½ cup");
        assert_eq!(decode("&amp;#39;"), "'");
        assert_eq!(decode("fish &amp chips"), "fish & chips");
    }
}
