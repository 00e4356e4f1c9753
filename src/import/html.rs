//! A small, forgiving HTML reader: a tag scanner, a tree good enough for
//! microdata scopes and step lists, and the text cleanup used everywhere.
//! It never fails: whatever it cannot read as a tag is text.

use super::entities;

/// One piece of an HTML document.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    /// Text as written (references not decoded); the contents of `script`
    /// and `style` come as one text token.
    Text(&'a str),
}

/// Elements that never have content.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "command"
    )
}

/// Elements whose content is raw text up to their end tag.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed"
    )
}

/// Elements that end a line of text (a step, an ingredient).
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "br" | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "hr"
            | "figure"
            | "figcaption"
            | "main"
            | "aside"
            | "nav"
            | "form"
            | "fieldset"
            | "address"
    )
}

/// Elements whose text is never content.
fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "head" | "button"
    )
}

/// Form controls: what they hold is choices, not text.
fn is_control(name: &str) -> bool {
    matches!(name, "select" | "input" | "textarea" | "button" | "option")
}

/// Finds `needle` (lowercase ASCII) in `hay` from `from`, ignoring ASCII case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let last = hay.len() - needle.len();
    let mut i = from;
    while i <= last {
        if hay[i].eq_ignore_ascii_case(&needle[0])
            && hay[i..i + needle.len()]
                .iter()
                .zip(needle)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn find_byte(hay: &[u8], from: usize, byte: u8) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|b| *b == byte)
        .map(|p| p + from)
}

fn find_str(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Splits HTML into tags and text. Comments, doctypes and processing
/// instructions are dropped.
pub fn tokenize(html: &str) -> Vec<Token<'_>> {
    let bytes = html.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let slice = |a: usize, b: usize| html.get(a..b).unwrap_or("");
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        if next == b'!' || next == b'?' {
            if text_start < i {
                tokens.push(Token::Text(slice(text_start, i)));
            }
            let end = if bytes[i..].starts_with(b"<!--") {
                find_str(bytes, i + 4, b"-->").map_or(bytes.len(), |p| p + 3)
            } else {
                find_byte(bytes, i, b'>').map_or(bytes.len(), |p| p + 1)
            };
            i = end;
            text_start = i;
            continue;
        }
        let is_end = next == b'/';
        let name_start = if is_end { i + 2 } else { i + 1 };
        if !bytes
            .get(name_start)
            .is_some_and(|b| b.is_ascii_alphabetic())
        {
            i += 1;
            continue;
        }
        if text_start < i {
            tokens.push(Token::Text(slice(text_start, i)));
        }
        let mut j = name_start;
        while j < bytes.len()
            && !bytes[j].is_ascii_whitespace()
            && bytes[j] != b'>'
            && bytes[j] != b'/'
        {
            j += 1;
        }
        let name = slice(name_start, j).to_ascii_lowercase();
        if is_end {
            let end = find_byte(bytes, j, b'>').map_or(bytes.len(), |p| p + 1);
            tokens.push(Token::End { name });
            i = end;
            text_start = i;
            continue;
        }
        let (attrs, self_closing, end) = read_attributes(html, j);
        i = end;
        text_start = i;
        let raw = is_raw_text(&name) && !self_closing;
        tokens.push(Token::Start {
            name: name.clone(),
            attrs,
            self_closing,
        });
        if raw {
            let mut close = Vec::with_capacity(name.len() + 2);
            close.extend_from_slice(b"</");
            close.extend_from_slice(name.as_bytes());
            let content_end = find_ci(bytes, i, &close).unwrap_or(bytes.len());
            if content_end > i {
                tokens.push(Token::Text(slice(i, content_end)));
            }
            let end = find_byte(bytes, content_end, b'>').map_or(bytes.len(), |p| p + 1);
            tokens.push(Token::End { name });
            i = end;
            text_start = i;
        }
    }
    if text_start < bytes.len() {
        tokens.push(Token::Text(slice(text_start, bytes.len())));
    }
    tokens
}

/// Reads the attributes of a start tag from `start` (right after its name):
/// the attributes, whether it ends in `/>`, and where the tag ends.
fn read_attributes(html: &str, start: usize) -> (Vec<(String, String)>, bool, usize) {
    let bytes = html.as_bytes();
    let slice = |a: usize, b: usize| html.get(a..b).unwrap_or("");
    let mut attrs = Vec::new();
    let mut i = start;
    let mut self_closing = false;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else {
            return (attrs, self_closing, bytes.len());
        };
        if b == b'>' {
            return (attrs, self_closing, i + 1);
        }
        if b == b'/' {
            self_closing = bytes.get(i + 1) == Some(&b'>');
            i += 1;
            continue;
        }
        self_closing = false;
        let name_start = i;
        i += 1;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let name = slice(name_start, i).to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            attrs.push((name, String::new()));
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let value;
        match bytes.get(j) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = find_byte(bytes, j + 1, q).unwrap_or(bytes.len());
                value = slice(j + 1, end);
                i = (end + 1).min(bytes.len());
            }
            _ => {
                let mut end = j;
                while end < bytes.len() && !bytes[end].is_ascii_whitespace() && bytes[end] != b'>' {
                    end += 1;
                }
                value = slice(j, end);
                i = end;
            }
        }
        attrs.push((name, entities::decode_once(value)));
    }
}

/// How many open elements an implicit or explicit end tag looks back over.
const MAX_LOOKBACK: usize = 256;

/// A node of the document tree.
#[derive(Debug, Clone)]
pub enum Node<'a> {
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<usize>,
    },
    Text(&'a str),
}

/// A document tree; node 0 is the root.
#[derive(Debug, Clone)]
pub struct Dom<'a> {
    pub nodes: Vec<Node<'a>>,
}

/// Elements an opening `li`, `p`… closes implicitly, and the elements that
/// stop the search for them.
fn implicitly_closes(opening: &str, open: &str) -> bool {
    match opening {
        "li" => open == "li",
        "dt" | "dd" => matches!(open, "dt" | "dd"),
        "tr" => matches!(open, "tr" | "td" | "th"),
        "td" | "th" => matches!(open, "td" | "th"),
        "option" => open == "option",
        _ => open == "p" && is_block(opening) && opening != "br",
    }
}

fn scope_boundary(opening: &str, open: &str) -> bool {
    match opening {
        "li" => matches!(open, "ul" | "ol" | "menu"),
        "dt" | "dd" => open == "dl",
        "tr" | "td" | "th" => matches!(open, "table" | "tbody" | "thead" | "tfoot"),
        "option" => open == "select",
        _ => !matches!(
            open,
            "span" | "a" | "b" | "i" | "em" | "strong" | "font" | "small"
        ),
    }
}

impl<'a> Dom<'a> {
    /// Builds a tree from tokens, closing what authors forgot to close.
    pub fn build(tokens: &[Token<'a>]) -> Dom<'a> {
        let mut nodes = vec![Node::Element {
            name: "#root".to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }];
        let mut stack: Vec<usize> = vec![0];
        for token in tokens {
            match token {
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    // Implicit ends: a new <li> ends the open <li>, a block ends an open <p>.
                    let mut close_at = None;
                    // Looking back a bounded number of levels keeps broken
                    // deep markup linear.
                    for (depth, &id) in stack.iter().enumerate().skip(1).rev().take(MAX_LOOKBACK) {
                        let open = element_name(&nodes, id);
                        if implicitly_closes(name, open) {
                            close_at = Some(depth);
                            break;
                        }
                        if scope_boundary(name, open) {
                            break;
                        }
                    }
                    if let Some(depth) = close_at {
                        stack.truncate(depth);
                    }
                    let id = nodes.len();
                    nodes.push(Node::Element {
                        name: name.clone(),
                        attrs: attrs.clone(),
                        children: Vec::new(),
                    });
                    push_child(&mut nodes, &stack, id);
                    if !is_void(name) && !self_closing {
                        stack.push(id);
                    }
                }
                Token::End { name } => {
                    let from = stack.len().saturating_sub(MAX_LOOKBACK).max(1);
                    if let Some(depth) = stack
                        .get(from..)
                        .unwrap_or(&[])
                        .iter()
                        .rposition(|&id| element_name(&nodes, id) == name)
                    {
                        stack.truncate(from + depth);
                    }
                }
                Token::Text(text) => {
                    let id = nodes.len();
                    nodes.push(Node::Text(text));
                    push_child(&mut nodes, &stack, id);
                }
            }
        }
        Dom { nodes }
    }

    pub fn name(&self, id: usize) -> &str {
        element_name(&self.nodes, id)
    }

    pub fn attr(&self, id: usize, key: &str) -> Option<&str> {
        match self.nodes.get(id) {
            Some(Node::Element { attrs, .. }) => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    pub fn children(&self, id: usize) -> &[usize] {
        match self.nodes.get(id) {
            Some(Node::Element { children, .. }) => children,
            _ => &[],
        }
    }

    /// Elements in document order.
    pub fn elements(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|id| matches!(self.nodes[*id], Node::Element { .. }))
    }

    /// The text under `id` when it is at most `limit` bytes (headings).
    pub fn text_upto(&self, id: usize, limit: usize) -> Option<String> {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            match self.nodes.get(n) {
                Some(Node::Text(t)) => out.push_str(t),
                Some(Node::Element { name, children, .. }) => {
                    if n != id && is_hidden(name) {
                        continue;
                    }
                    out.push(' ');
                    stack.extend(children.iter().rev());
                }
                None => {}
            }
            if out.len() > limit {
                return None;
            }
        }
        Some(out)
    }

    /// Whether each element has a `li` below it, computed for all at once.
    fn has_li_below(&self) -> Vec<bool> {
        let mut below = vec![false; self.nodes.len()];
        // Children come after their parent in `nodes`.
        for id in (0..self.nodes.len()).rev() {
            if let Node::Element { children, .. } = &self.nodes[id] {
                below[id] = children
                    .iter()
                    .any(|c| below.get(*c).copied().unwrap_or(false) || self.name(*c) == "li");
            }
        }
        below
    }

    /// The text under `id`, a newline where a block element starts or ends.
    pub fn text(&self, id: usize) -> String {
        let mut out = String::new();
        // (node, leaving): leaving marks the end of a block element.
        let mut stack: Vec<(usize, bool)> = vec![(id, false)];
        while let Some((n, leaving)) = stack.pop() {
            if leaving {
                out.push('\n');
                continue;
            }
            match self.nodes.get(n) {
                Some(Node::Text(t)) => out.push_str(t),
                Some(Node::Element { name, children, .. }) => {
                    if n != id && is_hidden(name) {
                        continue;
                    }
                    let block = is_block(name);
                    if block {
                        out.push('\n');
                        stack.push((n, true));
                    }
                    stack.extend(children.iter().rev().map(|c| (*c, false)));
                }
                None => {}
            }
        }
        out
    }
}

impl Dom<'_> {
    /// Texts of the headings inside the page's ingredient lists (elements
    /// under an ancestor whose class or id mentions "ingredient" that are
    /// headings or whose class says title/heading/group name): the group names
    /// ("For the dressing") some pages also put among their ingredients.
    pub fn ingredient_headings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack: Vec<(usize, bool)> = vec![(0, false)];
        while let Some((id, inside)) = stack.pop() {
            let name = self.name(id);
            if name.is_empty() || is_hidden(name) {
                continue;
            }
            let marks = |key: &str| {
                self.attr(id, key)
                    .map(str::to_ascii_lowercase)
                    .unwrap_or_default()
            };
            let class = marks("class");
            let here = inside || class.contains("ingredient") || marks("id").contains("ingredient");
            let heading_class = class.split_whitespace().any(|token| {
                ["title", "heading", "header", "subhead"]
                    .iter()
                    .any(|k| token.contains(k))
                    || (token.contains("group") && token.contains("name"))
            });
            let heading_tag = matches!(name, "h2" | "h3" | "h4" | "h5" | "h6");
            if inside
                && (heading_tag || heading_class)
                && let Some(text) = self.text_upto(id, 400).map(|t| clean(&t))
                && !text.is_empty()
                && text.len() < 120
            {
                out.push(text);
            }
            stack.extend(self.children(id).iter().map(|c| (*c, here)));
        }
        out
    }
}

/// What a part of a page is about, from its class/id or its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Ingredients,
    /// Steps, notes, nutrition: anything that ends an ingredient list.
    Other,
    /// A heading that says nothing about its part ("For the dough").
    Unnamed,
}

/// Words that open an ingredient list, folded, in the languages of common
/// recipe sites.
const INGREDIENT_WORDS: &[&str] = &[
    "ingredients",
    "ingredient",
    "ingredientes",
    "zutaten",
    "ingredienser",
    "ingrediensar",
    "ingredienten",
    "ingredienti",
    "hozzavalok",
    "suroviny",
    "skladniki",
    "ainekset",
];

/// Words that open what comes after the ingredients: steps, notes,
/// nutrition.
const OTHER_WORDS: &[&str] = &[
    "instructions",
    "directions",
    "method",
    "steps",
    "preparation",
    "preparacion",
    "elaboracion",
    "procedimiento",
    "pasos",
    "zubereitung",
    "anleitung",
    "bereiding",
    "bereidingswijze",
    "tillagning",
    "fremgangsmate",
    "fremgangsmade",
    "istruzioni",
    "procedimento",
    "preparo",
    "elkeszites",
    "notes",
    "nutrition",
    "nutritional",
    "naehrwerte",
    "nahrwerte",
];

/// Multi-word openings of the steps.
const OTHER_PHRASES: &[&str] = &[
    "modo de preparo",
    "modo de preparacion",
    "modo de hacer",
    "so wird es gemacht",
    "how to make",
    "gor sa har",
    "sa gor du",
];

/// Marks in class names and ids (lowercase substrings).
const INGREDIENT_MARKS: &[&str] = &["ingredient", "zutaten", "hozzavalo", "ingredienser"];
const OTHER_MARKS: &[&str] = &[
    "instruction",
    "direction",
    "step",
    "method",
    "preparation",
    "elkeszites",
    "zubereitung",
    "preparo",
    "nutrition",
];

/// The part a class or id names: "recipe-ingredients" → ingredients,
/// "instructions-list" → other, "ingredients-and-directions" → neither.
fn part_of_marks(marks: &str) -> Option<Part> {
    let marks = marks.to_ascii_lowercase();
    let ingredients = INGREDIENT_MARKS.iter().any(|k| marks.contains(k));
    let other = OTHER_MARKS.iter().any(|k| marks.contains(k));
    match (ingredients, other) {
        (true, false) => Some(Part::Ingredients),
        (false, true) => Some(Part::Other),
        _ => None,
    }
}

/// The part a heading starts: "Ingredients", "Zutaten für 6 Kugeln" →
/// ingredients; "Instructions", "Modo de preparo" → other.
fn part_of_heading(text: &str) -> Part {
    let folded = crate::domain::text::fold_name(text);
    let first = folded.split(' ').next().unwrap_or("");
    if INGREDIENT_WORDS.contains(&first) {
        Part::Ingredients
    } else if OTHER_WORDS.contains(&first) || OTHER_PHRASES.iter().any(|p| folded.starts_with(p)) {
        Part::Other
    } else {
        Part::Unnamed
    }
}

/// How an ingredient line is written in a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// A list item: the usual way.
    Item,
    /// A paragraph of a section marked as ingredients: recipe cards whose
    /// author wrote the lines as paragraphs instead of a list.
    Paragraph,
}

impl Dom<'_> {
    /// The text of an ingredient line of a recipe card: the text of its
    /// elements joined with single spaces, references decoded, whitespace
    /// collapsed.
    ///
    /// Recipe cards are built by templates from parts: amount, unit and name
    /// in adjacent elements (`<span>2</span><span>cups</span>`), the space
    /// between them left to styling. So every element boundary counts as a
    /// space. Nothing else is touched: a space this puts before punctuation
    /// that follows an element ("gin , Beefeater") stays.
    fn card_line_text(&self, id: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            match self.nodes.get(n) {
                Some(Node::Text(t)) => {
                    out.push_str(t);
                    out.push(' ');
                }
                Some(Node::Element { name, children, .. }) => {
                    if n != id && (is_hidden(name) || is_control(name)) {
                        continue;
                    }
                    out.push(' ');
                    stack.extend(children.iter().rev());
                }
                None => {}
            }
        }
        clean(&out)
    }

    /// The text of an ingredient line an author wrote in the page's text:
    /// its text as it flows (formatting such as `<strong>` inside words adds
    /// no space), references decoded, whitespace collapsed, and no space
    /// before a comma or closing parenthesis.
    fn flow_line_text(&self, id: usize) -> String {
        tidy(&clean(&self.text(id)))
    }

    /// Whether a form control (a serving-size selector, a checkbox) is under
    /// `id`: a paragraph holding one is part of a recipe card's controls,
    /// not a line of it.
    fn has_control(&self, id: usize) -> bool {
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            if is_control(self.name(n)) {
                return true;
            }
            stack.extend(self.children(n));
        }
        false
    }

    /// The ingredient lists a reader sees, in page order. A list is a run of
    /// lines of one ingredient section: an element whose class or id names
    /// ingredients, or the part of the page under an "Ingredients" heading
    /// up to the next heading of another part. Its lines are its list items;
    /// a section marked as ingredients that has no list items has its
    /// paragraphs as lines instead.
    ///
    /// A page may show several lists (notes on the ingredients in the
    /// article, then the recipe card): the caller picks the one that is the
    /// recipe's. Empty when the page shows no such list.
    pub fn visible_ingredient_lists(&self) -> Vec<Vec<String>> {
        // (text, section, kind): the section is the outermost element marked
        // as ingredients, or the "Ingredients" heading the line follows.
        let li_below = self.has_li_below();
        let mut items: Vec<(String, Option<usize>, LineKind)> = Vec::new();
        // The last heading that named a part, and whether it was ingredients.
        let mut heading: Option<usize> = None;
        // (node, outermost ancestor marked as ingredients, or marked other)
        let mut stack: Vec<(usize, Option<Option<usize>>)> = vec![(0, None)];
        while let Some((id, marked)) = stack.pop() {
            let name = self.name(id);
            if name.is_empty() || is_hidden(name) {
                continue;
            }
            if matches!(name, "nav" | "footer" | "header" | "select") {
                items.push((String::new(), None, LineKind::Item));
                continue;
            }
            let marks = format!(
                "{} {}",
                self.attr(id, "class").unwrap_or(""),
                self.attr(id, "id").unwrap_or("")
            );
            let marked = match (marked, part_of_marks(&marks)) {
                (Some(Some(outer)), _) => Some(Some(outer)),
                (_, Some(Part::Ingredients)) => Some(Some(id)),
                (_, Some(_)) => Some(None),
                (m, None) => m,
            };
            let heading_like = matches!(
                name,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "b" | "strong"
            ) || marks
                .to_ascii_lowercase()
                .split_whitespace()
                .any(|t| t.contains("title") || t.contains("heading"));
            if heading_like && name != "li" {
                let text = self
                    .text_upto(id, 400)
                    .map(|t| clean(&t))
                    .unwrap_or_default();
                if !text.is_empty() && text.chars().count() <= 60 {
                    match part_of_heading(&text) {
                        Part::Ingredients => heading = Some(id),
                        Part::Other => heading = None,
                        // "For the dough" inside a list keeps it going; a
                        // top-level heading ends it.
                        Part::Unnamed if matches!(name, "h1" | "h2") => heading = None,
                        Part::Unnamed => {}
                    }
                    continue;
                }
            }
            let leaf = !li_below.get(id).copied().unwrap_or(false);
            if name == "li" && leaf {
                let section = match marked {
                    Some(section) => section,
                    None => heading,
                };
                let text = if matches!(marked, Some(Some(_))) {
                    self.card_line_text(id)
                } else {
                    self.flow_line_text(id)
                };
                items.push((text, section, LineKind::Item));
                continue;
            }
            if name == "p"
                && leaf
                && let Some(Some(section)) = marked
                && !self.has_control(id)
            {
                // Its children are still read below, for the headings in it.
                let text = self.card_line_text(id);
                if part_of_heading(&text) == Part::Unnamed {
                    items.push((text, Some(section), LineKind::Paragraph));
                }
            }
            stack.extend(self.children(id).iter().rev().map(|c| (*c, marked)));
        }
        let mut lists = Vec::new();
        let mut rest = items.as_slice();
        while let Some(start) = rest.iter().position(|(_, s, _)| s.is_some()) {
            let section = rest[start].1;
            let run = &rest[start..];
            let len = run
                .iter()
                .position(|(_, s, _)| *s != section)
                .unwrap_or(run.len());
            let (run, after) = run.split_at(len);
            rest = after;
            let has_items = run.iter().any(|(_, _, k)| *k == LineKind::Item);
            let lines: Vec<String> = run
                .iter()
                .filter(|(text, _, kind)| {
                    !text.is_empty() && (*kind == LineKind::Item || !has_items)
                })
                .map(|(text, _, _)| text.clone())
                .collect();
            if !lines.is_empty() {
                lists.push(lines);
            }
        }
        lists
    }
}

fn element_name<'n>(nodes: &'n [Node<'_>], id: usize) -> &'n str {
    match nodes.get(id) {
        Some(Node::Element { name, .. }) => name,
        _ => "",
    }
}

fn push_child(nodes: &mut [Node<'_>], stack: &[usize], child: usize) {
    let parent = stack.last().copied().unwrap_or(0);
    if let Some(Node::Element { children, .. }) = nodes.get_mut(parent) {
        children.push(child);
    }
}

impl Dom<'_> {
    /// The other copies of the page's title, cleaned like every value, in
    /// this order: the `og:title` meta property, the `<title>` element and
    /// the first `<h1>`, each when the page has it (an SVG's `<title>` is
    /// an icon's, not the page's). They often differ from the recipe's name
    /// ("… - Site Name"): the caller decides what to do with them.
    pub fn title_copies(&self) -> Vec<String> {
        let (mut og, mut title, mut h1) = (None, None, None);
        let mut stack = vec![0];
        while let Some(id) = stack.pop() {
            let name = self.name(id);
            match name {
                "svg" | "template" => continue,
                "meta" if og.is_none() => {
                    let property = self.attr(id, "property").or_else(|| self.attr(id, "name"));
                    if property.is_some_and(|p| p.trim().eq_ignore_ascii_case("og:title")) {
                        og = self.attr(id, "content").map(clean);
                    }
                }
                "title" if title.is_none() => title = Some(clean(&self.text(id))),
                "h1" if h1.is_none() => h1 = Some(tidy(&clean(&self.text(id)))),
                _ => {}
            }
            stack.extend(self.children(id).iter().rev());
        }
        [og, title, h1]
            .into_iter()
            .flatten()
            .filter(|t| !t.is_empty())
            .collect()
    }
}

/// Whether `text` holds something that reads as a tag (`<p>`, `</li>`, `<br/>`).
fn has_tag(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        *b == b'<'
            && match bytes.get(i + 1) {
                Some(c) if c.is_ascii_alphabetic() => true,
                Some(b'/') | Some(b'!') => bytes
                    .get(i + 2)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'-'),
                _ => false,
            }
    })
}

/// Text of an HTML fragment with tags removed; block tags end lines.
fn fragment_text(fragment: &str) -> String {
    if !has_tag(fragment) {
        return fragment.to_string();
    }
    let tokens = tokenize(fragment);
    let dom = Dom::build(&tokens);
    dom.text(0)
}

/// Collapses whitespace runs (also no-break and zero-width spaces) to one
/// space and trims.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        if matches!(
            ch,
            '\u{200B}' | '\u{FEFF}' | '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}'
        ) {
            continue;
        }
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(ch);
    }
    out
}

/// Decodes references and strips tags, also tags that were written as
/// references (`&lt;p&gt;`), keeping line breaks where blocks were.
fn decode_and_strip(value: &str) -> String {
    let stripped = fragment_text(value);
    let decoded = entities::decode(&stripped);
    if has_tag(&decoded) {
        fragment_text(&decoded)
    } else {
        decoded
    }
}

/// The cleanup applied to every value: tags stripped, references decoded,
/// whitespace collapsed, trimmed.
pub fn clean(value: &str) -> String {
    collapse_whitespace(&decode_and_strip(value))
}

/// Text gathered across tags leaves a space before punctuation
/// ("Tortillas</span> , (wheat)"): remove it.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, ',' | ';' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(ch);
    }
    out
}

/// Splits a value that may hold several lines (an HTML fragment with
/// `<li>`/`<p>`/`<br>`, or text with newlines) into cleaned, non-empty lines.
pub fn clean_lines(value: &str) -> Vec<String> {
    decode_and_strip(value)
        .lines()
        .map(collapse_whitespace)
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_in_any_quoting_and_case() {
        let tokens = tokenize(
            r#"<SCRIPT Type='application/ld+json' data-x=1 defer>{"a":"</b>"}</script ><p class="a>b">x</p>"#,
        );
        match &tokens[0] {
            Token::Start { name, attrs, .. } => {
                assert_eq!(name, "script");
                assert_eq!(attrs[0], ("type".into(), "application/ld+json".into()));
                assert_eq!(attrs[1], ("data-x".into(), "1".into()));
                assert_eq!(attrs[2], ("defer".into(), String::new()));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(tokens[1], Token::Text(r#"{"a":"</b>"}"#));
        assert_eq!(
            tokens[2],
            Token::End {
                name: "script".into()
            }
        );
        match &tokens[3] {
            Token::Start { attrs, .. } => assert_eq!(attrs[0].1, "a>b"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn broken_markup_never_fails() {
        for html in [
            "<",
            "<a",
            "<a href='x",
            "</",
            "<!--",
            "<script>",
            "a < b > c",
            "<<>>",
            "<p><li>",
        ] {
            let tokens = tokenize(html);
            let dom = Dom::build(&tokens);
            let _ = dom.text(0);
        }
        assert_eq!(clean("5 < 6 and 3<4"), "5 < 6 and 3<4");
    }

    #[test]
    fn cleanup_strips_decodes_and_collapses() {
        assert_eq!(
            clean("  1&nbsp;cup <a href=\"x\">flour</a>\n\t(sifted) "),
            "1 cup flour (sifted)"
        );
        assert_eq!(clean("&lt;p&gt;Mix &amp;amp; stir&lt;/p&gt;"), "Mix & stir");
        assert_eq!(
            clean_lines("<ol><li>Mix.</li><li>Bake<br>at 350&deg;F.</li></ol>"),
            vec!["Mix.", "Bake", "at 350°F."]
        );
        assert_eq!(clean_lines("Mix.\nBake.\n\n"), vec!["Mix.", "Bake."]);
    }

    fn lists(html: &str) -> Vec<Vec<String>> {
        let tokens = tokenize(html);
        Dom::build(&tokens).visible_ingredient_lists()
    }

    #[test]
    fn card_lines_join_their_parts_and_written_lines_flow() {
        let card = r#"<ul class="recipe-ingredients"><li class="ingredient"><span>16</span><abbr>cl</abbr><span>gin</span>, Beefeater</li>
<li><span>2</span><span>cups</span> flour (I use <a href="/x">Acme</a>)</li></ul>"#;
        assert_eq!(
            lists(card),
            vec![vec!["16 cl gin , Beefeater", "2 cups flour (I use Acme )"]]
        );
        let written =
            "<h2>Ingredients</h2><ul><li>2 tbsp <strong>olive oil</strong>, plus more</li>
<li>1 jar (or 2 of <a>sauce</a>)</li></ul>";
        assert_eq!(
            lists(written),
            vec![vec!["2 tbsp olive oil, plus more", "1 jar (or 2 of sauce)"]]
        );
    }

    #[test]
    fn paragraphs_are_lines_only_of_a_card_without_list_items() {
        let html = r#"<div class="tasty-recipes-ingredients"><h3>Ingredients</h3>
<p><label>Servings</label> <select><option>1</option><option>2</option></select></p>
<div class="body"><p><span>1.5 tsp</span> ginger</p><p>Juice of <span>half a</span> lime</p></div></div>
<div class="recipe-ingredients"><p>For the crust</p><ul><li>1 egg</li></ul></div>
<h2>Ingredients</h2><p>2 cups flour</p>"#;
        assert_eq!(
            lists(html),
            vec![
                vec!["1.5 tsp ginger", "Juice of half a lime"],
                vec!["1 egg"]
            ]
        );
    }

    #[test]
    fn every_ingredient_list_in_page_order() {
        let html = "<h2>Ingredients</h2><ul><li>Flour: any kind works.</li></ul>
<h2>Method</h2><ol><li>Mix.</li></ol>
<div class='wprm-recipe-ingredients'><ul><li>2 cups flour</li></ul></div>";
        assert_eq!(
            lists(html),
            vec![vec!["Flour: any kind works."], vec!["2 cups flour"]]
        );
        assert!(lists("<ul><li>1 egg</li></ul>").is_empty());
    }

    #[test]
    fn implicit_ends() {
        let tokens = tokenize("<ul><li>a<li>b</ul><p>c<p>d");
        let dom = Dom::build(&tokens);
        let lines: Vec<String> = dom
            .text(0)
            .lines()
            .map(collapse_whitespace)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, vec!["a", "b", "c", "d"]);
        let lis: Vec<usize> = dom.elements().filter(|id| dom.name(*id) == "li").collect();
        assert_eq!(lis.len(), 2);
        assert_eq!(dom.children(lis[0]).len(), 1);
    }
}
