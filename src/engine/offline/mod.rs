//! Offline understanding: English and Spanish messages to tool calls, with
//! no network, in microseconds. Rules, not a model: each clause of a
//! message is classified by the words that signal an intent, then its
//! arguments (dates, meals, items, limits) are read by small extractors.
//! When a message is unclear it yields no call, so the engine asks rather
//! than guessing a destructive action.

pub mod dates;
pub mod words;

use crate::domain::flags::{Allergen, Diet};
use crate::domain::food::FoodTable;
use crate::domain::ingredient::parse_line;
use crate::domain::recipe::MealType;
use crate::domain::text::fold_name;
use crate::domain::units::Unit;
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Timelike};
use dates::{When, read as read_when};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// One understood call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Call {
    pub tool: String,
    pub args: Value,
}

impl Call {
    fn new(tool: &str, args: Map<String, Value>) -> Call {
        Call {
            tool: tool.to_string(),
            args: Value::Object(args),
        }
    }
}

/// The local moment a message is understood in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Now {
    pub today: NaiveDate,
    pub time: NaiveTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    Invite,
    Undo,
    Help,
    Reminder,
    ShowList,
    AddList,
    CheckOff,
    AddPantry,
    RemovePantry,
    ShowPantry,
    Suggest,
    FindRecipes,
    ShowRecipe,
    Cooked,
    Nutrition,
    Preferences,
    Swap,
    Replace,
    Plan,
    ShowPlan,
}

struct Clause {
    /// Folded words with typos mended.
    words: Vec<String>,
    /// Folded words as written, for free text (reminders, names).
    raw: Vec<String>,
    /// The words and their verb roots, for word lookups.
    set: rustc_hash::FxHashSet<String>,
    /// Whether it names a food or an amount, worked out once.
    quantityish: std::cell::OnceCell<bool>,
}

impl Clause {
    fn new(words: Vec<String>, raw: Vec<String>) -> Clause {
        let mut set = rustc_hash::FxHashSet::default();
        for w in &words {
            if let Some(root) = verb_root(w) {
                set.insert(root.to_string());
            }
            set.insert(w.clone());
        }
        Clause {
            words,
            raw,
            set,
            quantityish: std::cell::OnceCell::new(),
        }
    }
    fn w(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }
    fn text(&self) -> String {
        self.words.join(" ")
    }
    fn has(&self, w: &str) -> bool {
        self.set.contains(w)
    }
    fn any(&self, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.has(w))
    }
    /// A phrase of consecutive words.
    fn phrase(&self, p: &str) -> bool {
        let first = p.split(' ').next().unwrap_or("");
        // Most phrases fail on their first word: one hash lookup.
        if !self.set.contains(first) {
            return false;
        }
        'start: for (i, w) in self.words.iter().enumerate() {
            if w != first {
                continue;
            }
            for (k, part) in p.split(' ').enumerate().skip(1) {
                if self.words.get(i + k).map(String::as_str) != Some(part) {
                    continue 'start;
                }
            }
            return true;
        }
        false
    }
    fn any_phrase(&self, ps: &[&str]) -> bool {
        ps.iter().any(|p| self.phrase(p))
    }
    fn starts(&self, ws: &[&str]) -> bool {
        self.words.first().is_some_and(|f| ws.contains(&f.as_str()))
    }
    /// The clause opens with one of the phrases.
    fn starts_phrase(&self, ps: &[&str]) -> bool {
        ps.iter().any(|p| {
            let n = p.split(' ').count();
            self.words.len() >= n && self.words[..n].iter().map(String::as_str).eq(p.split(' '))
        })
    }
}

/// A list written one item per line after a colon or as bullets ("add to
/// the list:\n- milk\n- 2 kg potatoes") as one line, items separated by
/// commas, so it reads like "add to the list: milk, 2 kg potatoes".
fn join_listed_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut listing = false;
    let mut first_item = true;
    for line in text.lines() {
        let trimmed = line.trim();
        let bullet = trimmed.starts_with(['-', '*', '•', '·']);
        let item = trimmed.trim_start_matches(['-', '*', '•', '·', ' ']).trim();
        if item.is_empty() {
            continue;
        }
        if listing || bullet && !out.is_empty() {
            out.push_str(if first_item { " " } else { ", " });
            out.push_str(item);
            first_item = false;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(item);
        if item.ends_with(':') {
            listing = true;
            first_item = true;
        }
    }
    out
}

/// Understands a message.
pub fn understand(text: &str, now: Now) -> Vec<Call> {
    let listed = join_listed_lines(text);
    let text = listed.as_str();
    let table = FoodTable::builtin();
    // A code anywhere with joining words anywhere: one join.
    // Codes have digits: only then is the whole message worth a look.
    let whole = if text.chars().any(|c| c.is_ascii_digit()) {
        Clause::new(words::normalize(text), Vec::new())
    } else {
        Clause::new(Vec::new(), Vec::new())
    };
    if let Some(code) = code_like(&whole)
        && (whole.any(&[
            "join",
            "joining",
            "unirme",
            "unirnos",
            "unimos",
            "unir",
            "unirse",
            "sumarme",
            "codigo",
            "code",
            "entrar",
            "household",
            "hogar",
            "link",
            "vincular",
            "invite",
            "invitacion",
            "sent",
            "mando",
            "paso",
            "use",
        ]) || whole.any_phrase(&["add me", "sumame", "agregame", "me uno", "nos unimos"]))
    {
        let mut args = Map::new();
        args.insert("code".into(), json!(code));
        return vec![Call::new("join_household", args)];
    }
    let mut calls: Vec<Call> = Vec::new();
    let mut last_items: Vec<Value> = Vec::new();
    // True when `last_items` came from a clause with no call ("quedaron 4 tomates, sumalos…").
    let mut items_unclaimed = false;
    // Whether the last call came from "add milk" with no place named.
    let mut last_bare = false;
    // Calls that only stand when nothing else was asked.
    let mut weak: Vec<usize> = Vec::new();
    // After a bare "no, wait" / "perdón", the next clause is the correction.
    let mut fix_follows = false;
    // A meal named in a clause of its own ("la cena de hoy, ya la
    // cocinamos"), for the call after it.
    let mut named_meal: Option<(NaiveDate, MealType)> = None;
    let clauses = split_clauses(text);
    let clause_count = clauses.len();
    for (index, clause_text) in clauses.into_iter().enumerate() {
        let last_clause = index + 1 == clause_count;
        let pairs = words::normalize_both(&clause_text);
        if pairs.is_empty() {
            continue;
        }
        let (words, raw): (Vec<String>, Vec<String>) = pairs.into_iter().unzip();
        // "…, perdón, medio kilo": the correction announced; a clause that
        // corrects nothing ("…, sorry, what's on the list?") stands alone.
        if std::mem::take(&mut fix_follows)
            && let Some(prev) = calls.last_mut()
        {
            let fixed = Clause::new(
                std::iter::once("no".to_string())
                    .chain(words.iter().cloned())
                    .collect(),
                std::iter::once("no".to_string())
                    .chain(raw.iter().cloned())
                    .collect(),
            );
            let before = prev.clone();
            if correct(prev, &fixed, now, table) && prev != &before {
                continue;
            }
            *prev = before;
        }
        let clause = Clause::new(words, raw);
        if !calls.is_empty() && is_chatter(&clause) {
            continue;
        }
        // "recipes with chicken, nothing more than 25 minutes": that search's limit.
        if clause.any_phrase(NOTHING_OVER)
            && let Some(prev) = calls.last_mut().filter(|p| {
                matches!(
                    p.tool.as_str(),
                    "find_recipes" | "suggest_from_pantry" | "plan_week"
                )
            })
        {
            complete(prev, &clause, now, table);
            continue;
        }
        // "…, still couldn't find the ranch": news from the shop, no request.
        if !calls.is_empty()
            && clause.any_phrase(&[
                "couldn t find",
                "could t find",
                "couldnt find",
                "could not find",
                "didn t find",
                "didnt find",
                "no encontre",
                "no encontramos",
                "no consegui",
                "no conseguimos",
                "no habia",
            ])
        {
            continue;
        }
        // "don't add sugar, we have plenty": what not to do is no request.
        if clause.any_phrase(&[
            "don t add",
            "dont add",
            "do not add",
            "don t put",
            "dont put",
            "no agregues",
            "no pongas",
            "no sumes",
            "no anotes",
        ]) {
            continue;
        }
        // "…, actually make it 6:30", "…, no, mejor el viernes": the last
        // call, corrected.
        if let Some(prev) = calls.last_mut()
            && correct(prev, &clause, now, table)
        {
            fix_follows = clause.words.len() <= 3
                && clause.words.iter().all(|w| {
                    matches!(
                        w.as_str(),
                        "no" | "wait"
                            | "sorry"
                            | "perdon"
                            | "actually"
                            | "nah"
                            | "hmm"
                            | "oh"
                            | "mejor"
                            | "digo"
                    )
                });
            continue;
        }
        // "la cena de mañana, cambiala…": a meal named for what follows.
        let intent = if !last_clause && meal_and_day_only(&clause) {
            None
        } else {
            classify(&clause)
        };
        tracing::trace!(clause = %clause.text(), ?intent, "offline clause");
        // "el desayuno de mañana no me cierra, cambialo": the meal named
        // before, changed.
        if intent.is_none()
            && clause.any(&[
                "cambialo",
                "cambiala",
                "cambia",
                "cambiar",
                "change",
                "replace",
                "swap",
                "reemplazalo",
                "reemplazala",
                "cambiame",
            ])
            // "friday dinner, I'll change it myself later": not now.
            && !clause.any(&["later", "myself", "luego", "despues", "mismo", "misma", "ll"])
            && !clause.any_phrase(&["i will", "voy a", "vamos a"])
            && let Some((d, m)) = named_meal.take()
        {
            let mut args = Map::new();
            args.insert("date".into(), date_str(d));
            args.insert("meal".into(), json!(m.name()));
            if let Some(q) = replace_query(&clause) {
                args.insert("query".into(), json!(q));
            }
            calls.push(Call::new("replace_meal", args));
            continue;
        }
        let Some(intent) = intent else {
            let when = read_when(&clause.w(), now.today);
            if calls.is_empty()
                && let (Some(d), Some(m)) = (when.date, when.meal)
            {
                named_meal = Some((d, m));
            }
            // A clause without its own intent completes the previous call
            // ("…, nothing over 30 minutes", "…, expires December 3"), or
            // names the items a later "sumalos" refers to.
            match calls.last_mut() {
                Some(prev) => complete(prev, &clause, now, table),
                None => {
                    let named = items(&clause, table, now);
                    if !named.is_empty() && has_quantityish(&clause) {
                        last_items = named;
                        items_unclaimed = true;
                    }
                }
            }
            if let Some(items) = calls
                .last()
                .and_then(|p| p.args.get("items"))
                .and_then(Value::as_array)
            {
                last_items = items.clone();
            }
            continue;
        };
        // Within a planning request, "…, my son is vegan", "somos 3", "que no
        // tengo tiempo para desayunos" describe the plan.
        if calls.last().is_some_and(|p| p.tool == "plan_week")
            && (intent == Intent::Preferences
                // "…, recetas de menos de 30 minutos": the plan's recipes.
                || intent == Intent::FindRecipes
                    && (max_minutes(&clause).is_some() || diet_in(&clause).is_some())
                    && clause.words.len() <= 8
                || clause.starts(&[
                    "que", "porque", "pero", "because", "but", "since", "as", "i", "so",
                ]) && intent != Intent::Plan)
        {
            if let Some(prev) = calls.last_mut() {
                complete(prev, &clause, now, table);
            }
            continue;
        }
        // "the fish pie recipe please? Just for the two of us": its servings.
        if intent == Intent::Preferences
            && calls.last().is_some_and(|p| p.tool == "show_recipe")
            && clause.any(&["just", "only", "solo", "para", "for"])
            && let Some(n) = servings(&clause)
            && let Some(Value::Object(args)) = calls.last_mut().map(|p| &mut p.args)
        {
            args.insert("servings".into(), json!(n));
            continue;
        }
        // "…, ¿lo pueden cambiar por unos ñoquis?": the same change, its wish.
        if intent == Intent::Replace
            && calls.last().is_some_and(|p| p.tool == "replace_meal")
            && read_when(&clause.w(), now.today).date.is_none()
        {
            if let Some(prev) = calls.last_mut() {
                complete(prev, &clause, now, table);
            }
            continue;
        }
        let Some(mut call) = extract(intent, &clause, now, table) else {
            continue;
        };
        if let Some((d, m)) = named_meal.take()
            && matches!(call.tool.as_str(), "cooked" | "replace_meal")
            && let Value::Object(args) = &mut call.args
            && !args.contains_key("date")
            && !args.contains_key("meal")
        {
            args.insert("date".into(), date_str(d));
            args.insert("meal".into(), json!(m.name()));
        }
        // After a first request, a later clause's items must look like food:
        // "…, mark them done", "…, don't want to waste food again".
        if !calls.is_empty()
            && matches!(
                call.tool.as_str(),
                "add_to_shopping_list" | "add_to_pantry" | "remove_from_pantry" | "check_off"
            )
            && let Some(list) = call.args.get_mut("items").and_then(Value::as_array_mut)
        {
            list.retain(|i| i.get("name").is_none() || plausible_item(i, table));
            if list.is_empty() && !last_items.is_empty() && !refers_back(&clause) {
                continue;
            }
        }
        // "ayer almorzamos la tarta, anotala como cocinada": said once.
        if call.tool == "cooked"
            && call.args.get("recipe").is_none()
            && calls.last().is_some_and(|p| p.tool == "cooked")
        {
            continue;
        }
        // "use up what we have — ideas?": the second part adds nothing.
        if call.tool == "find_recipes"
            && call.args.as_object().is_some_and(Map::is_empty)
            && calls
                .last()
                .is_some_and(|p| p.tool == "suggest_from_pantry")
        {
            continue;
        }
        // "how heavy is tomorrow's menu, calorie-wise?": a question about the
        // plan's nutrition.
        if call.tool == "nutrition_summary"
            && calls.last().is_some_and(|p| p.tool == "show_plan")
            && let Some(prev) = calls.pop()
            && let (Some(d), Value::Object(a)) = (prev.args.get("date").cloned(), &mut call.args)
        {
            a.entry("date").or_insert(d);
        }
        // Whether the items are those of the clause before.
        let mut from_pronoun = false;
        // "add a dozen to the pantry": an amount without a food names the food before.
        if let Some(items) = call.args.get_mut("items").and_then(Value::as_array_mut) {
            for (i, item) in items.iter_mut().enumerate() {
                if item.get("name").is_none()
                    && let Some(name) = last_items
                        .get(i)
                        .or(last_items.first())
                        .and_then(|l| l.get("name"))
                        .cloned()
                {
                    item["name"] = name;
                    from_pronoun = true;
                }
            }
            items.retain(|i| i.get("name").is_some());
        }
        // "put them on the list", "tachala": items from the clause before.
        if matches!(
            intent,
            Intent::AddList | Intent::CheckOff | Intent::AddPantry | Intent::RemovePantry
        ) {
            let empty = call
                .args
                .get("items")
                .and_then(Value::as_array)
                .is_none_or(Vec::is_empty);
            if empty {
                if last_items.is_empty() {
                    continue;
                }
                from_pronoun = true;
                let mut items = last_items.clone();
                // "add 2 kg to the list": the amount is new, the food is not.
                if let Some(q) = pronoun_quantity(&clause) {
                    if let Some(Value::Object(first)) = items.first_mut() {
                        first.retain(|k, _| k == "name");
                        if let Some(n) = serde_json::Number::from_f64(q.0) {
                            first.insert("quantity".into(), Value::Number(n));
                        }
                        if let Some(u) = q.1 {
                            first.insert("unit".into(), json!(u.symbol()));
                        }
                    }
                } else if !items_unclaimed {
                    for it in &mut items {
                        if let Value::Object(m) = it {
                            m.retain(|k, _| k == "name");
                        }
                    }
                }
                call.args["items"] = Value::Array(items);
            }
        }
        // "bought 2 kg of potatoes…, put them in the pantry" is one stocking
        // with the amounts (checking off stocks the pantry too: both would
        // count it twice); "add milk, … to the pantry": the place named last.
        // "compré leche, tachala y guardala", "bought eggs, check them off
        // and add a dozen to the pantry": checking off already stocks the
        // pantry, with the amount said.
        if call.tool == "add_to_pantry"
            && from_pronoun
            && Clause::new(words::normalize(text), Vec::new()).any(&[
                "tacha", "tick", "check", "cross", "marca", "checked", "ticked",
            ])
            && let Some(prev) = calls.last_mut().filter(|p| p.tool == "check_off")
        {
            if let (Some(bought), Some(own)) = (
                prev.args.get_mut("items").and_then(Value::as_array_mut),
                call.args.get("items").and_then(Value::as_array),
            ) {
                for item in own {
                    if let (Some(Value::Object(known)), Value::Object(new)) =
                        (bought.iter_mut().find(|i| i["name"] == item["name"]), item)
                        && new.contains_key("quantity")
                    {
                        known.remove("unit");
                        for key in ["quantity", "unit"] {
                            if let Some(v) = new.get(key) {
                                known.insert(key.into(), v.clone());
                            }
                        }
                    }
                }
            }
            continue;
        }
        if call.tool == "add_to_pantry"
            && calls.last().is_some_and(|p| {
                p.tool == "check_off" && from_pronoun
                    || p.tool == "add_to_shopping_list" && last_bare
            })
            && let Some(prev) = calls.pop()
        {
            let mut items: Vec<Value> = prev
                .args
                .get("items")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            // One list: the amounts said last win ("…, add it to the pantry: 2 liters").
            if let Some(own) = call.args.get("items").and_then(Value::as_array) {
                for item in own {
                    match items.iter_mut().find(|i| i["name"] == item["name"]) {
                        Some(Value::Object(known)) => {
                            if let Value::Object(new) = item
                                && new.contains_key("quantity")
                            {
                                known.remove("unit");
                                for key in ["quantity", "unit"] {
                                    if let Some(v) = new.get(key) {
                                        known.insert(key.into(), v.clone());
                                    }
                                }
                            }
                        }
                        _ => items.push(item.clone()),
                    }
                }
            }
            call.args["items"] = Value::Array(items);
        }
        last_bare = call.tool == "add_to_shopping_list" && bare_add(&clause);
        if let Some(items) = call.args.get("items").and_then(Value::as_array) {
            last_items = items.clone();
            items_unclaimed = false;
        }
        // The same tool twice in a row is one call ("somos 3 y no nos gusta…").
        if let Some(prev) = calls.last_mut()
            && prev.tool == call.tool
            && merge(prev, &call)
        {
            continue;
        }
        // "…, que mañana hago chimi para el asado": a day in passing, read
        // as a question about the plan only when nothing else was asked.
        if call.tool == "show_plan"
            && clause.starts(&["que", "q"])
            && !clause.any_phrase(&["que hay", "q hay"])
            && !clause.any(&[
                "plan",
                "menu",
                "cena",
                "cenar",
                "cenamos",
                "almuerzo",
                "almorzar",
                "almorzamos",
                "comemos",
                "desayuno",
            ])
        {
            weak.push(calls.len());
        }
        calls.push(call);
    }
    if calls.len() > 1 {
        let mut i = 0;
        calls.retain(|call| {
            let keep = !(weak.contains(&i) && call.tool == "show_plan");
            i += 1;
            keep
        });
    }
    calls
}

/// A second thought on the call before: "actually make it 6:30", "no wait,
/// make it thursday", "no, mejor el viernes". True when the clause was one
/// (a bare "no"/"wait" included), with the call's day or time changed.
fn correct(prev: &mut Call, c: &Clause, now: Now, table: &FoodTable) -> bool {
    const OPENERS: &[&str] = &[
        "actually", "no", "wait", "sorry", "nah", "mejor", "perdon", "better", "hmm", "oh", "digo",
    ];
    const FILLER: &[&str] = &[
        "actually", "no", "wait", "sorry", "nah", "mejor", "perdon", "better", "hmm", "oh", "make",
        "it", "that", "hacelo", "hazlo", "que", "sea", "el", "la", "on", "for", "at", "a", "las",
        "instead", "en", "vez", "mas", "bien", "rather", "then", "pasalo", "move", "to", "i",
        "meant", "mean", "quise", "decir", "queria",
    ];
    let w = c.w();
    if !w
        .first()
        .is_some_and(|f| OPENERS.contains(f) || *f == "make")
        && !c.starts_phrase(&["i meant", "i mean", "quise decir", "queria decir"])
    {
        return false;
    }
    // "plan next week for 4, no wait, for 5 people": another number of people.
    if prev.tool == "plan_week"
        && let Some(n) = servings(c)
        && w.iter().all(|x| {
            FILLER.contains(x)
                || words::number(x).is_some()
                || matches!(
                    *x,
                    "people" | "personas" | "of" | "us" | "para" | "somos" | "we" | "re"
                )
        })
        && let Value::Object(args) = &mut prev.args
    {
        args.insert("servings".into(), json!(n));
        return true;
    }
    // "add eggs. actually make that two dozen", "6 huevos... no, mejor una
    // docena", "2 latas de garbanzos, digo 3": a new amount for an item.
    if let Some(list) = prev.args.get_mut("items").and_then(Value::as_array_mut)
        && !list.is_empty()
    {
        let rest: Vec<String> = c
            .words
            .iter()
            .filter(|x| !FILLER.contains(&x.as_str()) && x.as_str() != "digo")
            .cloned()
            .collect();
        let sub = Clause::new(rest, Vec::new());
        let amount = items(&sub, table, now)
            .into_iter()
            .find(|i| i.get("quantity").is_some())
            .or_else(|| {
                pronoun_quantity(&sub).map(|(q, unit)| {
                    let mut m = Map::new();
                    if let Some(n) = serde_json::Number::from_f64(q) {
                        m.insert("quantity".into(), Value::Number(n));
                    }
                    if let Some(u) = unit {
                        m.insert("unit".into(), json!(u.symbol()));
                    }
                    Value::Object(m)
                })
            });
        let Some(Value::Object(amount)) = amount else {
            // "no wait": the correction follows.
            return w.len() <= 2;
        };
        // A food not on the call is a new item ("actually, 2 lemons too").
        let index = match amount.get("name") {
            Some(n) => match list.iter().rposition(|i| i.get("name") == Some(n)) {
                Some(i) => i,
                None => return false,
            },
            None => list.len() - 1,
        };
        if let Some(Value::Object(item)) = list.get_mut(index) {
            // "2 latas…, digo 3": still cans; "make that two dozen eggs": anew.
            if amount.contains_key("unit") || amount.contains_key("name") {
                item.remove("unit");
            }
            for key in ["quantity", "unit"] {
                if let Some(v) = amount.get(key) {
                    item.insert(key.into(), v.clone());
                }
            }
        }
        return true;
    }
    let when = read_when(&w, now.today);
    let rest: Vec<&str> = w
        .iter()
        .copied()
        .filter(|x| {
            !FILLER.contains(x)
                && dates::weekday_word(x).is_none()
                && dates::meal_word(x).is_none()
                && !x.chars().any(|ch| ch.is_ascii_digit())
                && !matches!(
                    *x,
                    "pm" | "am"
                        | "today"
                        | "tomorrow"
                        | "hoy"
                        | "manana"
                        | "noche"
                        | "night"
                        | "tarde"
                        | "evening"
                        | "morning"
                        | "y"
                        | "media"
                        | "half"
                )
        })
        .collect();
    if !rest.is_empty() {
        return false;
    }
    let Value::Object(args) = &mut prev.args else {
        return false;
    };
    if when.date.is_none() && when.time.is_none() {
        // "no wait" on its own: the correction follows.
        return w.len() <= 3;
    }
    match prev.tool.as_str() {
        "set_reminder" => {
            let Some(at) = args.get("at").and_then(Value::as_str) else {
                return false;
            };
            let Ok(old) = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M") else {
                return false;
            };
            let day = when.date.unwrap_or(old.date());
            let mut time = when.time.unwrap_or(old.time());
            // "at 6pm — actually 6:30": still the evening.
            if when.time.is_some()
                && old.time().hour() >= 12
                && time.hour() < 12
                && (time.hour() + 12).abs_diff(old.time().hour()) <= 3
            {
                time += chrono::Duration::hours(12);
            }
            args.insert(
                "at".into(),
                json!(format!(
                    "{}T{}",
                    day.format("%Y-%m-%d"),
                    time.format("%H:%M")
                )),
            );
            true
        }
        "replace_meal" | "cooked" | "show_plan" | "nutrition_summary" => {
            let Some(d) = when.date else { return false };
            args.insert("date".into(), date_str(d));
            if let Some(m) = when.meal {
                args.insert("meal".into(), json!(m.name()));
            }
            true
        }
        "plan_week" => {
            let Some(d) = when.date else { return false };
            args.insert("start".into(), date_str(d));
            true
        }
        _ => false,
    }
}

/// Acknowledgements and sign-offs that add nothing ("vale?", "gracias queridos").
fn is_chatter(c: &Clause) -> bool {
    const ACKS: &[&str] = &[
        "vale", "ok", "okay", "dale", "porfa", "please", "pls", "gracias", "thanks", "thx", "si",
        "yes", "bueno", "genial", "perfecto", "listo", "lol", "jaja", "jajaja", "queridos",
        "querida", "querido", "chicos", "gente", "amor", "honey", "love", "guys", "ty", "thank",
        "you", "muchas", "mil", "besos", "xoxo", "che", "loco", "genio", "capo",
    ];
    c.words.iter().all(|w| ACKS.contains(&w.as_str())) || c.starts(&["gracias", "thanks", "thank"])
}

/// A Spanish imperative without its pronouns: "tachalos" → "tacha",
/// "planeala" → "planea", "anotamelo" → "anota".
pub(crate) fn verb_root(w: &str) -> Option<&str> {
    const CLITICS: [&str; 11] = [
        "melo", "mela", "melos", "melas", "los", "las", "lo", "la", "me", "nos", "le",
    ];
    CLITICS.iter().find_map(|c| {
        w.strip_suffix(c)
            .filter(|r| r.len() >= 4 && r.ends_with(['a', 'e', 'i']))
    })
}

/// Splits on sentence punctuation and on "then"/"luego"/"después".
fn split_clauses(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && i + 1 < chars.len()
            && chars[i - 1].is_ascii_digit()
            && chars[i + 1].is_ascii_digit();
        let symbol = !c.is_alphanumeric()
            && !c.is_whitespace()
            && !c.is_ascii()
            && !matches!(c, '¿' | '¡' | '½' | '¼' | '¾' | '⅓' | '⅔' | '’' | '´');
        if matches!(c, ',' | ';' | '.' | '?' | '!' | '\n' | '—') && !between_digits || symbol {
            parts.push(std::mem::take(&mut current));
        } else if c == ':' && !between_digits {
            // "shopping list: eggs, butter" keeps its head with the items,
            // as a list of its own ("stuff for the cake: flour, …").
            current.push_str(" and ");
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    let mut out = Vec::new();
    for p in parts {
        let lower = format!(" {} ", p.to_lowercase());
        let mut rest = lower.as_str();
        loop {
            let cut = [
                " and then ",
                " then ",
                " y después ",
                " y despues ",
                " luego ",
                " y mostrame ",
                " y muéstrame ",
                " y muestrame ",
                " and show me ",
                " y decime ",
                " and tell me ",
            ]
            .iter()
            .filter_map(|sep| {
                rest.find(sep).map(|i| {
                    (
                        i,
                        sep.len(),
                        sep.starts_with(" y m")
                            || sep.starts_with(" and s")
                            || sep.starts_with(" y d")
                            || sep.starts_with(" and t"),
                    )
                })
            })
            .min_by_key(|(i, _, _)| *i);
            match cut {
                Some((i, len, keep_verb)) => {
                    out.push(rest[..i].to_string());
                    // Keep the verb of "… y mostrame …".
                    let skip = if keep_verb {
                        rest[i..].find(|c: char| c != ' ').unwrap_or(0)
                            + i
                            + rest[i..].trim_start().find(' ').unwrap_or(0)
                            + 1
                    } else {
                        i + len
                    };
                    rest = &rest[skip.min(rest.len())..];
                }
                None => {
                    out.push(rest.to_string());
                    break;
                }
            }
        }
    }
    // "check them off and add a dozen…", "tirá el yogur y anotá otro".
    const VERBS: &[&str] = &[
        "recordame",
        "recuérdame",
        "remind",
        "avisame",
        "avisáme",
        "anotalos",
        "anotalas",
        "sumalos",
        "add",
        "put",
        "check",
        "show",
        "remove",
        "tell",
        "send",
        "agrega",
        "agregá",
        "agregalo",
        "agregala",
        "anota",
        "anotá",
        "anotalo",
        "anotala",
        "suma",
        "sumá",
        "sumalo",
        "sumala",
        "tacha",
        "tachá",
        "tachala",
        "tachalo",
        "guarda",
        "guardá",
        "guardala",
        "guardalo",
        "guardalos",
        "guardalas",
        "mostrame",
        "muéstrame",
        "muestrame",
        "pasame",
        "poné",
        "pone",
        "ponelo",
        "ponela",
        "ponlo",
        "ponla",
        "ponlos",
        "ponlas",
        "saca",
        "sacá",
        "tira",
        "tirá",
        "mark",
        "marcá",
        "marca",
    ];
    let mut split = Vec::new();
    for part in out {
        let words: Vec<&str> = part.split_whitespace().collect();
        let mut current: Vec<&str> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let next = words
                .get(i + 1)
                .map(|n| n.trim_matches(|c: char| !c.is_alphanumeric()))
                .unwrap_or("");
            let after = words
                .get(i + 2)
                .map(|n| {
                    n.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .unwrap_or_default();
            let new_request = matches!(next, "the" | "la" | "el")
                && matches!(
                    after.as_str(),
                    "shopping"
                        | "list"
                        | "lista"
                        | "plan"
                        | "pantry"
                        | "despensa"
                        | "menu"
                        | "menú"
                )
                || matches!(next, "what" | "what's" | "whats" | "qué" | "que")
                    && matches!(*w, "plus" | "and");
            if (matches!(*w, "and" | "y" | "e") && VERBS.contains(&next)
                || matches!(*w, "and" | "y" | "plus") && new_request)
                && !current.is_empty()
            {
                split.push(current.join(" "));
                current.clear();
                continue;
            }
            current.push(w);
        }
        split.push(current.join(" "));
    }
    split
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

const LIST_WORDS: &[&str] = &[
    "list",
    "lista",
    "shopping",
    "grocery",
    "groceries",
    "compras",
    "super",
    "cart",
    "carrito",
];
const PANTRY_WORDS: &[&str] = &[
    "pantry",
    "larder",
    "despensa",
    "alacena",
    "heladera",
    "nevera",
    "fridge",
    "freezer",
    "inventory",
    "inventario",
    "cupboard",
    "refri",
    "congelador",
    "spice",
    "stock",
];

fn has_code(c: &Clause) -> Option<String> {
    c.words.iter().find_map(|w| {
        crate::domain::household::normalize_invite(w)
            .filter(|code| code.chars().any(|ch| ch.is_ascii_digit()))
    })
}

/// A word shaped like an invite code (8 letters and digits, some of each)
/// even when a character is not one codes use, next to words about joining
/// or codes: joining with it gets the service's explanation rather than
/// silence. An amount ("500grams", "2tomates") is no code.
fn code_like(c: &Clause) -> Option<String> {
    has_code(c).or_else(|| {
        if !c.any(&[
            "join",
            "joining",
            "unirme",
            "unirnos",
            "unimos",
            "unirse",
            "codigo",
            "code",
            "invite",
            "invitacion",
            "household",
            "hogar",
        ]) {
            return None;
        }
        c.words.iter().find_map(|w| {
            let code: String = w.chars().filter(|ch| *ch != '-').collect();
            let amount = code
                .trim_start_matches(|ch: char| ch.is_ascii_digit())
                .chars()
                .all(|ch| ch.is_ascii_alphabetic());
            (code.len() == crate::domain::household::INVITE_LEN
                && code.chars().all(|ch| ch.is_ascii_alphanumeric())
                && code.chars().any(|ch| ch.is_ascii_digit())
                && code.chars().any(|ch| ch.is_ascii_alphabetic())
                && !amount)
                .then(|| code.to_ascii_uppercase())
        })
    })
}

fn classify(c: &Clause) -> Option<Intent> {
    if dates_before(c) {
        return None;
    }
    let first = c.words.first().map(String::as_str).unwrap_or("");
    let n = c.words.len();
    // One-word commands ("/shopping", "/plan", "/pantry").
    if n == 1 {
        match first {
            "shopping" | "lista" | "list" | "compras" => return Some(Intent::ShowList),
            "plan" | "menu" => return Some(Intent::ShowPlan),
            "pantry" | "despensa" | "inventory" | "inventario" => return Some(Intent::ShowPantry),
            "help" | "ayuda" | "commands" | "comandos" | "start" => return Some(Intent::Help),
            "undo" | "deshacer" => return Some(Intent::Undo),
            _ => {}
        }
    }
    let people = c.any(&[
        "vieja",
        "viejo",
        "roommate",
        "roomie",
        "flatmate",
        "wife",
        "husband",
        "partner",
        "brother",
        "sister",
        "mom",
        "dad",
        "novia",
        "novio",
        "esposa",
        "esposo",
        "marido",
        "hermano",
        "hermana",
        "mama",
        "papa",
        "companero",
        "companera",
        "someone",
        "alguien",
        "somebody",
        "family",
        "familia",
        "kids",
        "hijo",
        "hija",
        "son",
        "daughter",
        "friend",
        "amigo",
        "amiga",
        "suegra",
    ]);
    if c.any(&[
        "invite",
        "invitar",
        "invitacion",
        "invita",
        "invitation",
        "invitame",
    ]) || people
        && c.any(&[
            "household",
            "hogar",
            "casa",
            "join",
            "share",
            "sumar",
            "agregar",
            "add",
            "link",
            "unirse",
            "compartir",
        ])
        && !c.any(&[
            "vegan",
            "vegetarian",
            "vegano",
            "vegana",
            "alergico",
            "allergic",
        ])
        || c.any_phrase(&[
            "link code",
            "link my",
            "codigo para vincular",
            "vincular mi",
            "share the household",
            "compartir el hogar",
            "genera un codigo",
            "generate a code",
            "generame un codigo",
            "un codigo para",
        ]) && has_code(c).is_none()
        || people && c.any(&["grupo", "group"])
    {
        return Some(Intent::Invite);
    }
    if c.any(&[
        "undo",
        "deshace",
        "deshacer",
        "deshaz",
        "deshaga",
        "revert",
        "deshacelo",
        "ctrl",
        "anula",
        "anule",
        "anular",
        "desaz",
        "revertir",
        "reverti",
    ]) || c.any_phrase(&[
        "volve atras",
        "volver atras",
        "vuelve atras",
        "take that back",
        "undo that",
        "go back",
        "never mind that",
    ]) {
        return Some(Intent::Undo);
    }
    if c.any(&["help", "ayuda", "ayudaaa", "commands", "comandos"])
        || c.any_phrase(&[
            "how does this",
            "how does it work",
            "que cosas puedes",
            "que cosas podes",
            "que cosas sabes",
            "sabes hacer",
            "podes hacer",
            "what can you do",
            "what all can you do",
            "what else can you do",
            "puedes hacer",
            "que sabes hacer",
            "que podes hacer",
            "que puedes hacer",
            "how does this work",
            "como funciona",
            "how dose this work",
            "what do you do",
            "what can i say",
            "que te puedo pedir",
            "que puedo pedirte",
            "que le puedo pedir",
            "que puedo pedirle",
            "como se usa",
            "como te uso",
            "how do i use",
            "how to use",
            "what can this bot do",
            "supposed to type",
            "what do i type",
            "what should i type",
            "que tengo que escribir",
            "que escribo",
            "what can this thing do",
            "what can this do",
            "what can it do",
            "what is this bot",
            "what does this bot do",
        ])
    {
        return Some(Intent::Help);
    }
    let remind = c.any(REMIND_VERBS) || c.phrase("ping me");
    if remind
        && !c.any_phrase(&[
            "remind me what",
            "recordame que comemos",
            "recordame que hay",
        ])
    {
        return Some(Intent::Reminder);
    }
    let cal = c.any(&[
        "calories",
        "calorias",
        "calorie",
        "kcal",
        "protein",
        "proteina",
        "proteinas",
        "cals",
        "proteins",
        "nutrition",
        "nutricion",
        "nutricional",
        "nutrientes",
        "macros",
        "nutritional",
        "nutricionales",
    ]) || c.phrase("calorie wise");
    let per_day_target =
        c.any_phrase(&["a day", "per day", "por dia", "al dia", "diarias", "daily"]);
    if cal && !per_day_target && !c.any(&["want", "quiero", "target", "objetivo", "goal"]) {
        return Some(Intent::Nutrition);
    }
    if preferences(c) {
        return Some(Intent::Preferences);
    }
    let list = c.any(LIST_WORDS) || c.phrase("del super");
    let pantry = c.any(PANTRY_WORDS);
    let question = c.starts(&[
        "cuales",
        "which",
        "what",
        "whats",
        "que",
        "q",
        "qe",
        "show",
        "muestra",
        "mostrame",
        "muestrame",
        "ver",
        "see",
        "send",
        "pasame",
        "cual",
        "can",
        "me",
        "che",
        "do",
        "any",
        "anything",
        "how",
        "is",
        "are",
    ]);
    let recipe_words = c.any(&[
        "recipe", "recipes", "receta", "recetas", "recipies", "ideas", "ideaas", "idea", "cook",
        "cocinar", "make", "hacer",
    ]);
    // Suggestions from what there is.
    if c.any_phrase(&[
        "with what i have",
        "with what we have",
        "with what s in",
        "with whats in",
        "con lo que hay",
        "con lo que tengo",
        "con lo que tenemos",
        "con lo que queda",
        "from whatever",
        "use up what",
        "without going shopping",
        "con lo que",
        "from what we have",
        "using what",
        "using whats",
        "con las sobras",
        "whatever we",
        "what we already have",
        "lo que tengamos",
        "lo que haya",
        "with the leftovers",
        "con lo que tenemos",
        "with our leftovers",
        "with leftovers",
        "con las sobras",
        "con lo que sobro",
        "with whatever s here",
        "with whatevers here",
        "with whatever is here",
        "with whatever i have",
        "with lo que tengo",
        "cosas que quedan",
        "lo que queda en",
    ]) || c.any_phrase(&["what s left", "whats left"]) && !c.any(LIST_WORDS)
        // "what can I make with what we have", not "what we have in the larder".
        || c.any_phrase(&["what we have", "what we ve got", "what we got"])
            && c.any(&["cook", "make", "ideas", "idea", "dinner", "lunch", "eat", "recipe", "recipes"])
        // "any ideas for the leftovers in the fridge?"
        || c.any(&["ideas", "idea", "suggest", "suggestions", "sugerencias", "sugeri", "sugerime"])
            && c.any(&[
                "leftovers", "sobras", "fridge", "heladera", "nevera", "refri", "refrigerador",
                "pantry", "despensa", "alacena",
            ])
            && !c.any(&["recipe", "receta", "recetas", "recipes"])
    || c.any_phrase(&[
        "whats in the",
        "what s in the",
        "what is in the",
        "lo que hay en",
    ]) && c.any(&[
        "ideas", "idea", "cook", "make", "cocinar", "hacer", "using", "suggest", "sugeri",
        "sugerime",
    ]) || c.phrase("from the pantry")
        && c.any(&[
            "suggest",
            "sugeri",
            "sugerime",
            "ideas",
            "idea",
            "something",
            "algo",
        ])
    {
        return Some(Intent::Suggest);
    }
    // "got everything except the coriander": what was not bought is no item.
    if c.any(&["everything", "todo"]) && c.any(&["except", "excepto", "menos", "but"]) {
        return None;
    }
    // Checking off: bought / got / tachá / ya compré / in the cart.
    let check = c.any(&[
        "bought",
        "compre",
        "compramos",
        "tacha",
        "tachame",
        "tachala",
        "tachalo",
        "tick",
        "grabbed",
        "consegui",
        "conseguimos",
        "comprado",
        "comprados",
        "comprada",
        "compradas",
    ]) || c.any_phrase(&[
        "mark them done",
        "mark it done",
        "mark done",
        "mark as done",
        "marcalos como comprados",
        "check off",
        "checked off",
        "cross off",
        "cross of",
        "chek off",
        "picked up",
        "in the cart",
        "en el carrito",
        "got the",
        "scratch the",
        "ya tengo",
        "ya estan",
        "check them off",
        "check it off",
    ]) && !c.any(&["add", "agrega", "anota", "suma"])
        || (first == "got" && !c.any(&["need", "to"]) && !recipe_words && !c.any(&["any", "some"]))
        || c.any(&["mark", "marca", "marque"])
            && c.any(&["bought", "comprado", "comprados", "comprada", "compradas"]);
    if check
        && !c.any_phrase(&[
            "need to buy",
            "hay que comprar",
            "que comprar",
            "que hay que",
        ])
    {
        return Some(Intent::CheckOff);
    }
    // Showing the list.
    let show_list_phrase =
        c.any_phrase(&[
            "what do we need",
            "what do i need",
            "que hay que comprar",
            "que falta comprar",
            "que falta",
            "que necesitamos",
            "que mas falta",
            "que habia que comprar",
            "what else is on the list",
            "que anotamos",
            "what else",
            "para comprar",
        ]) && (question || c.starts(&["and", "y", "estoy", "i"]) || c.any(&["what", "que"]));
    let add_verbs = c.any(&[
        "add", "agrega", "agregame", "agregue", "agregale", "anota", "anotame", "anotala",
        "anotalo", "apunta", "apuntame", "suma", "sumale", "sumalo", "sumala", "sumalos", "put",
        "pone", "poneme", "ponelo", "anade", "agregar", "added", "agregalo", "agregala", "pon",
        "ponlo", "ponla", "ponlos", "ponlas",
    ]);
    if show_list_phrase && !add_verbs {
        return Some(Intent::ShowList);
    }
    // "lista de la compra porfa tío", "regálame la lista de mercado": the
    // list named, and nothing else but courtesy.
    const ASKING: &[&str] = &[
        "la",
        "de",
        "el",
        "del",
        "the",
        "my",
        "our",
        "porfa",
        "por",
        "favor",
        "please",
        "pls",
        "tio",
        "che",
        "wey",
        "compra",
        "compras",
        "mercado",
        "super",
        "supermercado",
        "shopping",
        "grocery",
        "groceries",
        "lista",
        "list",
        "regalame",
        "dame",
        "pasame",
        "mandame",
        "send",
        "me",
        "a",
        "ver",
        "mostrame",
        "muestrame",
        "show",
        "hey",
        "hola",
        "hi",
        "oye",
    ];
    if list && !add_verbs && c.words.iter().all(|w| ASKING.contains(&w.as_str())) {
        return Some(Intent::ShowList);
    }
    // "what do we still need to buy": a question, not an item.
    if question
        && c.any(&["need", "buy", "comprar", "necesitamos", "falta"])
        && c.any(&["what", "que"])
        && !has_quantityish(c)
    {
        return Some(Intent::ShowList);
    }
    let items_named = has_quantityish(c);
    if list
        && !add_verbs
        && (question
            || n <= 3 && !items_named
            || c.any(&[
                "show",
                "ver",
                "muestra",
                "mostrame",
                "muestrame",
                "pasame",
                "send",
            ])
            // "list pls", not "milk on the list please", "leche para la lista porfa".
            || c.any(&["please", "porfa"])
                && !c.any(&["on", "to", "for", "en", "a", "para", "add", "agrega", "suma"]))
        && !c.any(&["need", "necesitamos", "buy", "comprar", "falta"])
    {
        return Some(Intent::ShowList);
    }
    // Pantry removals.
    let out_of = c.any_phrase(&[
        "se nos acabo",
        "se nos acabaron",
        "se nos termino",
        "se nos terminaron",
        "me comi",
        "nos comimos",
        "el ultimo",
        "la ultima",
        "out of",
        "ran out",
        "no more",
        "is gone",
        "are gone",
        "se acabo",
        "se acabaron",
        "se me acabo",
        "se me acabaron",
        "se me termino",
        "se me terminaron",
        "ya no nos queda",
        "ya no nos quedan",
        "ya no me queda",
        "ya no me quedan",
        "chucked out",
        "chucked the",
        "someone finished",
        "finished the",
        "se ha acabado",
        "se han acabado",
        "se nos ha acabado",
        "se nos han acabado",
        "se termino",
        "se terminaron",
        "se ha terminado",
        "se han terminado",
        "none left",
        "nothing left of",
        "all gone",
        "no queda",
        "no quedan",
        "quedamos sin",
        "nos quedamos sin",
        "no hay mas",
        "ya no hay",
        "ya no ay",
        "used up",
        "the last",
        "se vencio",
        "se vencieron",
        "went bad",
        "threw away",
        "threw out",
        "se echo a perder",
        "se pudrio",
        "is empty",
    ])
        // "no butter left", "no more eggs left".
        || c.starts(&["no"]) && c.any(&["left"]);
    let remove_verbs = !c.any(&["recipes", "recetas", "recipies", "recipe", "receta"])
        && c.any(&[
            "tire", "tiramos", "used", "usamos", "use", "gaste", "gastamos", "tira", "tiralo",
            "tirala", "toss", "tossed", "binned", "finished", "finshed", "ate", "comimos",
            "elimina", "elimine", "sacale", "saca", "quita", "quitale", "remove", "removed",
            "borra",
        ]);
    let plan_word = c.any(&["plan", "menu", "planes"]);
    let add_list = (add_verbs && list)
        || (c.any(&[
            "need",
            "necesitamos",
            "necesito",
            "nesesitamos",
            "comprar",
            "buy",
            "grab",
            "gotta",
        ]) && !recipe_words
            && !plan_word)
        || (c.starts(&["get", "go"])
            || c.any_phrase(&["need to get", "gotta get", "go get", "have to get"]))
            && !recipe_words
            && !plan_word
        || c.any_phrase(&[
            "nos falta",
            "nos faltan",
            "falta comprar",
            "pick up",
            "dont forget",
            "don t forget",
            "hay que comprar",
            "hay qe comprar",
            "shopping list",
            "to the list",
            "to my list",
            "to our list",
            "to list",
            "on the list",
            "en la lista",
            "a la lista",
            "para la lista",
            "for the list",
            "for the shopping list",
            "low on",
            "running low",
            "se esta acabando",
            "queda poco",
        ])
        || c.any(&[
            "anota", "anotame", "apunta", "apuntame", "anotalo", "anotala",
        ]) && !pantry
        || bare_add(c) && !recipe_words && !plan_word;
    // "anotala como cocinada", "mark it as cooked": a meal, not an item.
    if c.any(&[
        "cocinado",
        "cocinada",
        "cocinados",
        "cocinadas",
        "cooked",
        "hecho",
        "hecha",
    ]) && c.any(&["como", "as"])
    {
        return Some(Intent::Cooked);
    }
    if out_of && !add_list
        || remove_verbs
            && !add_list
            && (pantry || !c.any(&["recipe", "recipes", "receta"]) && !question)
    {
        return Some(Intent::RemovePantry);
    }
    if add_list {
        return Some(Intent::AddList);
    }
    let changing = c.any(&[
        "instead",
        "preferiria",
        "mejor",
        "cambia",
        "change",
        "replace",
        "reemplaza",
    ]) || c.any_phrase(&["en vez de", "en lugar de", "no quiero", "don t want"]);
    // Plans asked about ("what do we have planned for monday").
    if c.any(&["planeado", "planeada", "planned", "planed"])
        && !c.any(&[
            "plan",
            "cooked",
            "cocinamos",
            "cocine",
            "hice",
            "hicimos",
            "made",
        ])
        && !changing
    {
        return Some(Intent::ShowPlan);
    }
    // Pantry additions and views.
    let expiry = c.any(&[
        "expires", "expire", "vence", "vencen", "caduca", "caducan", "until", "hasta", "till",
    ]);
    let pantry_add = (add_verbs
        || c.any(&[
            "stocked",
            "restocked",
            "guarde",
            "meti",
            "mete",
            "metele",
            "quedaron",
            "guardala",
            "guardalo",
            "guardalos",
            "guardalas",
            "guarda",
            "stored",
        ]))
        && (pantry
            || expiry
            || c.any_phrase(&["put away", "stocked up"])
            || c.any(&["guardala", "guardalo", "guardalos", "guardalas"]))
        || c.any_phrase(&[
            "we have",
            "we ve got",
            "i ve got",
            "we now have",
            "there s",
            "theres",
            "tenemos",
            "tengo",
            "hay",
        ]) && !question
            && items_named
        || c.any(&["guarde", "meti", "stocked", "restocked", "stored"])
        || first == "pantry" && n > 1
        || first == "pantyr";
    let pantry_show = pantry && (question || n <= 2)
        || c.any(EXPIRY_WORDS)
            && (question || c.starts(&["anything", "algo", "hay", "decime", "dime", "tell"]))
        || c.any_phrase(&[
            "going off",
            "going bad",
            "goin bad",
            "goes bad",
            "go bad",
            "about to expire",
            "about to go",
            "what do we have",
            "que tenemos",
            "inventory pls",
            "por vencer",
            "se echa a perder",
            "se va a vencer",
        ]);
    if pantry_show && !pantry_add_strong(c) {
        return Some(Intent::ShowPantry);
    }
    // "no tengo jitomate", "we don't have eggs": a lack, not stock.
    let lacking = c.any_phrase(&[
        "no tengo",
        "no tenemos",
        "don t have",
        "dont have",
        "do not have",
        "doesn t have",
        "we have no",
        "no me quedan",
        "no nos quedan",
    ]);
    if pantry_add && !changing && !lacking {
        return Some(Intent::AddPantry);
    }
    // Recipes.
    let recipe_word = c.any(&[
        "recipe", "recipes", "receta", "recetas", "recipies", "ideas", "ideaas", "idea",
    ]);
    let how_to = c.any_phrase(&[
        "how do i make",
        "how do you make",
        "how to make",
        "como se hace",
        "como hago",
        "como hacer",
        "walk me through",
        "como se prepara",
        "como preparo",
        "how do i cook",
        "how to cook",
    ]);
    if how_to
        || (recipe_word
            && !c.any(&["recipes", "recetas", "ideas", "ideaas"])
            && c.any_phrase(&[
                "the",
                "la receta",
                "receta del",
                "receta de la",
                "receta de los",
                "receta de las",
                "recipe for",
                "recipe of",
                "share recipe",
                "open",
                "muestra la receta",
                "mostrame la receta",
            ])
            && !c.any(&["any", "alguna", "find", "busca", "search", "some"]))
    {
        return Some(Intent::ShowRecipe);
    }
    // "500 g of cooked rice", "2 cups cooked chicken": a food, not a meal made.
    let w = c.w();
    let cooked_food = w.iter().enumerate().any(|(i, x)| {
        *x == "cooked"
            && i > 0
            && (matches!(w[i - 1], "of" | "de")
                || words::number(w[i - 1]).is_some()
                || crate::domain::units::Unit::from_word(w[i - 1]).is_some())
    });
    let cooked = !cooked_food
        && c.any(&[
        "cooked",
        "cocinamos",
        "cocine",
        "hicimos",
        "hice",
        "preparamos",
        "whipped",
        "made",
        "cocinado",
        "cocinada"    ]) || c.any_phrase(&[
        "done cooking",
        "as cooked",
        "ya comimos",
        "hemos hecho",
        "he hecho",
        "hemos cocinado",
        "he cocinado",
        "hemos preparado",
        "he preparado",
    ])
        // "hoy de desayuno preparé…": Spanish "preparé" folds to "prepare".
        || c.any(&["prepare"])
            && c.words.iter().any(|w| dates::meal_word(w).is_some())
            && c.any(&["hoy", "ayer", "anoche", "de", "el", "la", "los", "las", "para"])
        // "ayer almorzamos la tarta de choclo": a past meal at home.
        || c.any(&["almorzamos", "cenamos", "desayunamos", "merendamos"])
            && c.any(&["ayer", "anoche", "yesterday"])
            && !c.any(&["afuera", "restaurante", "out", "restaurant"]);
    if cooked && !c.any(&["what", "que", "can", "q"]) {
        return Some(Intent::Cooked);
    }
    if recipe_word
        || c.any(&[
            "find",
            "search",
            "busca",
            "buscame",
            "encuentrame",
            "encontra",
            "busco",
            "buscando",
            "dessert",
            "desserts",
            "postre",
            "postres",
        ])
        || c.phrase("looking for")
        || c.any_phrase(&[
            "what can i make with",
            "what can i cook with",
            "what can we make with",
            "que puedo hacer con",
            "que puedo cocinar con",
            "que hago con",
            "using",
            "look up",
        ])
    {
        return Some(Intent::FindRecipes);
    }
    // Plan edits.
    let when = read_when(
        &c.w(),
        chrono::NaiveDate::from_ymd_opt(2000, 1, 5).unwrap_or_default(),
    );
    let day_refs = when.dates.len() + usize::from(c.has("tonight"));
    let swap_verbs = c.any(&[
        "swap",
        "switch",
        "trade",
        "intercambia",
        "intercambie",
        "invierte",
        "inverti",
        "move",
        "pasa",
    ]);
    let change_verbs = c.any_phrase(&["no me gusta", "don t like", "dont like"])
        || c.any(&[
            "change",
            "replace",
            "cambia",
            "cambiame",
            "reemplaza",
            "reemplace",
            "sustituye",
            "sustituya",
            "reroll",
            "different",
            "otra",
            "otro",
            "else",
            "instead",
            "preferiria",
            "mejor",
            "canbia",
            "cambialo",
            "pone",
            "cambiar",
            "cambie",
        ])
        || c.any_phrase(&[
            "en vez de",
            "en lugar de",
            "no quiero",
            "don t want",
            "dont want",
            "not feeling",
            "no me convence",
            "give me something",
            "feel like",
            "ganas de",
            "in the mood",
            "no me pinta",
            "rather have",
        ]);
    let two_slots = day_refs >= 2
        || c.any_phrase(&[
            "la del",
            "el del",
            "tomorrow s",
            "with tomorrow",
            "y la",
            "and friday s",
            "and saturday",
            "with the",
            "con la cena",
            "por el de",
            "por la de",
        ]);
    if swap_verbs && two_slots
        || (c.any(&["cambia", "cambie", "inverti", "intercambia", "pasa"])
            && c.any_phrase(&[
                "por la del",
                "por el del",
                "por el de",
                "al martes",
                "al lunes",
                "y la del",
                "con la cena",
                "y del",
            ]))
    {
        return Some(Intent::Swap);
    }
    // "plan" the verb makes a plan; "the plan" the noun is shown.
    let plan_verbs = c.starts(&[
        "plan",
        "sort",
        "fill",
        "throw",
        "hace",
        "haceme",
        "make",
        "generate",
        "create",
        "crea",
        "prepara",
        "preparame",
        "quiero",
        "i",
        "can",
        "me",
        "che",
        "pescatarian",
        "vegetarian",
        "vegan",
    ]) && c.any(&["plan", "sort", "fill", "throw", "menu"])
        || c.any(&[
            "plna",
            "planifica",
            "planificame",
            "planifique",
            "planificar",
            "planea",
            "planear",
            "planeame",
            "arma",
            "armame",
            "armas",
            "armar",
            "organiza",
            "organizame",
        ])
        || c.any_phrase(&[
            "meal plan",
            "un plan",
            "plan de",
            "menu para",
            "plan for",
            "plan my",
            "plan our",
            "plan the",
            "plan next",
            "plan this",
            "plan vegetarian",
            "plan vegan",
            "plan quick",
            "plan lunches",
            "plan dinners",
            "plan breakfast",
            "plan pescatarian",
            "put together the meals",
            "put together a plan",
            "put together meals",
            "sort out the meals",
            "sort out the weekend",
            "sort out next week",
            "sort out this week",
            "sort out our meals",
            "make the meals",
            "planeala",
            "planificala",
            "armala",
            "organizala",
        ]) && !c.any_phrase(&[
            "the meal plan",
            "el plan",
            "the plan",
            "our plan",
            "my plan",
            "mi plan",
        ]);
    let show_words = c.any(&[
        "what",
        "whats",
        "que",
        "q",
        "qe",
        "show",
        "shwo",
        "mostrame",
        "muestrame",
        "muestra",
        "cual",
        "ver",
        "see",
        "send",
    ]);
    let change_with_slot =
        (swap_verbs || change_verbs) && (day_refs >= 1 || when.meal.is_some() || c.has("tonight"));
    // "put tacos on tuesday for dinner", "poné pizza el miércoles".
    let put_on_day = c.starts(&["put", "pone", "poneme", "ponme"])
        && day_refs >= 1
        && !list
        && !pantry
        && !c.any(&["reminder", "alarm", "recordatorio"]);
    if (change_with_slot || put_on_day) && !plan_verbs {
        return Some(Intent::Replace);
    }
    if plan_verbs
        && !(show_words
            && c.any_phrase(&["the plan", "el plan", "meal plan", "the menu", "el menu"])
            && !c.starts(&["make", "plan", "hace", "arma", "armame"]))
    {
        return Some(Intent::Plan);
    }
    if c.any(&["plan", "menu", "planned", "planed", "planeado"])
        && (show_words || c.words.len() <= 2)
    {
        return Some(Intent::ShowPlan);
    }
    let eat = c.words.iter().any(|w| dates::meal_word(w).is_some())
        || c.any(&[
            "comemos",
            "cenamos",
            "almorzamos",
            "desayunamos",
            "merendamos",
            "eating",
            "having",
            "cenar",
            "almorzar",
            "comer",
            "desayunar",
            "merendar",
            "dinner",
            "lunch",
            "breakfast",
            "cena",
            "almuerzo",
            "desayuno",
            "merienda",
            "menu",
        ])
        // British "what's for tea tonight".
        || c.any_phrase(&["for tea tonight", "for tea tomorrow", "for tea today", "s for tea"]);
    if show_words
        && (eat
            || day_refs > 0 && c.any(&["planeado", "planned", "planed", "cooking", "menu", "plan"]))
        || c.any(&["menu"]) && day_refs > 0
    {
        return Some(Intent::ShowPlan);
    }
    if (c.any_phrase(&["que hay", "what s on", "whats on", "what is on"]) || first == "que" && eat)
        && day_refs > 0
        && !c.any(&["comprar", "buy"])
    {
        return Some(Intent::ShowPlan);
    }
    // "brekkie tmrw?", "merienda de hoy?": a meal and a day, nothing else.
    if meal_and_day_only(c) {
        return Some(Intent::ShowPlan);
    }
    if c.phrase("show me the meal plan")
        || c.phrase("mostrame el plan")
        || c.phrase("muestrame el plan")
    {
        return Some(Intent::ShowPlan);
    }
    None
}

/// A meal and a day and nothing else: "brekkie tmrw", "la cena de mañana".
fn meal_and_day_only(c: &Clause) -> bool {
    c.words.len() <= 4
        && c.words.iter().any(|w| dates::meal_word(w).is_some())
        && c.words.iter().any(|w| {
            dates::weekday_word(w).is_some()
                || matches!(
                    w.as_str(),
                    "today" | "hoy" | "tomorrow" | "manana" | "tonight"
                )
        })
        && c.words.iter().all(|w| {
            dates::meal_word(w).is_some()
                || dates::weekday_word(w).is_some()
                || matches!(
                    w.as_str(),
                    "de" | "del"
                        | "for"
                        | "the"
                        | "el"
                        | "la"
                        | "today"
                        | "hoy"
                        | "tomorrow"
                        | "manana"
                        | "tonight"
                        | "y"
                        | "and"
                        | "s"
                )
        })
}

/// Words asking to be reminded.
const REMIND_VERBS: &[&str] = &[
    "remind",
    "recordame",
    "recuerdame",
    "recuerdeme",
    "avisame",
    "recordatorio",
    "reminder",
    "remidn",
    "acordame",
];

/// A strong signal that something is being put into the pantry.
fn pantry_add_strong(c: &Clause) -> bool {
    c.any(&[
        "add",
        "agrega",
        "añade",
        "anade",
        "anota",
        "guarde",
        "meti",
        "put",
        "stocked",
        "restocked",
        "suma",
        "sumalos",
        "agregue",
        "hay",
    ]) && has_quantityish(c)
        || c.phrase("tenemos") && !c.starts(&["que", "q"])
        || c.starts(&[
            "there", "theres", "en", "i", "we", "tengo", "tenemos", "pantry", "pantyr", "stocked",
            "ya", "quedaron", "just",
        ])
        || c.starts(&["hay"]) && has_quantityish(c)
}

/// "add milk", "kindly add 1 kg onions", "agregá palta": an add verb first
/// and food after it, with no place named. Groceries go on the shopping
/// list unless a later clause names the pantry ("…, put them in the pantry").
fn bare_add(c: &Clause) -> bool {
    const POLITE: &[&str] = &[
        "kindly", "please", "pls", "plz", "can", "could", "would", "u", "you", "ok", "okay", "so",
        "and", "also", "y", "oye", "porfa", "tambien", "hey", "hi", "hola", "che", "just", "uh",
        "um", "eh", "bueno", "wey", "tio",
    ];
    const ADD: &[&str] = &[
        "add", "agrega", "agregame", "agregue", "agregale", "suma", "sumale", "anade", "agregar",
        "put", "pon", "pone",
    ];
    let Some(first) = c.words.iter().find(|w| !POLITE.contains(&w.as_str())) else {
        return false;
    };
    ADD.contains(&first.as_str())
        && !c.any(PANTRY_WORDS)
        && !c.any(&["away", "guarda", "guarde"])
        // "put tacos on tuesday" is a plan change.
        && !c.words.iter().any(|w| dates::weekday_word(w).is_some())
        && !c.any(&["tonight", "tomorrow", "manana", "hoy", "today"])
        && !c.any(&[
            "vence", "vencen", "expires", "expire", "caduca", "caducan", "bought", "compre",
        ])
        && has_quantityish(c)
}

/// True when the clause names some food or an amount.
fn has_quantityish(c: &Clause) -> bool {
    *c.quantityish.get_or_init(|| names_quantity(c))
}

fn names_quantity(c: &Clause) -> bool {
    let table = FoodTable::builtin();
    let w = c.w();
    w.iter()
        .any(|x| x.chars().next().is_some_and(|ch| ch.is_ascii_digit()))
        || w.iter().any(|x| {
            matches!(*x, "medio" | "media" | "docena" | "dozen" | "half")
                || Unit::from_word(x).is_some() && x.len() > 2
        })
        || w.iter()
            .any(|x| x.len() > 2 && table.lookup_folded(x).is_some())
        || w.windows(2)
            .any(|p| table.lookup_folded(&format!("{} {}", p[0], p[1])).is_some())
}

/// Phrases after which come the foods a household dislikes.
const DISLIKE: &[&str] = &[
    "don t like",
    "dont like",
    "do not like",
    "hate",
    "can t stand",
    "cant stand",
    "no me gusta",
    "no me gustan",
    "no nos gusta",
    "no nos gustan",
    "no como",
    "no comemos",
    "no come",
    "no comen",
    "don t eat",
    "dont eat",
    "do not eat",
    "doesn t eat",
    "odio",
    "odia",
    "odian",
    "hates",
    "odiamos",
];

/// Words that make a time limit a standing preference, not one plan's.
const STANDING: &[&str] = &[
    "from now on",
    "de ahora en mas",
    "de aca en mas",
    "de ahora en adelante",
    "desde ahora",
    "always",
    "siempre",
    "never",
    "nunca",
    "que sea todo",
    "todo en menos",
    "everything under",
    "everything in under",
    "all under",
];

/// "Nothing over 20 minutes": a time limit for every recipe.
const NOTHING_OVER: &[&str] = &[
    "nada de mas de",
    "nada que tarde mas",
    "nada que lleve mas",
    "nada que demore mas",
    "nothing over",
    "nothing longer than",
    "nothing more than",
    "nothing that takes more",
    "nothing taking more",
];

/// An allergy or intolerance said ("allergic to nuts"), or a food someone
/// cannot have that is an allergen ("Grandpa can't have mustard", "no puede
/// comer altramuces").
fn allergy_said(c: &Clause) -> bool {
    c.any_phrase(&[
        "allergic",
        "alergico",
        "alergica",
        "alergicos",
        "alergicas",
        "intolerante",
        "intolerantes",
        "allergy",
        "alergia",
    ]) || c.any_phrase(&[
        "can t have",
        "cant have",
        "can t eat",
        "cant eat",
        "no puede comer",
        "no pueden comer",
        "no puedo comer",
        "no podemos comer",
    ]) && c.any(&[
        "mustard",
        "mostaza",
        "sesame",
        "sesamo",
        "lupin",
        "altramuz",
        "altramuces",
        "sulphites",
        "sulfites",
        "sulfitos",
        "peanuts",
        "peanut",
        "mani",
        "cacahuetes",
        "gluten",
        "shellfish",
        "mariscos",
        "celery",
        "apio",
        "soja",
        "nuts",
        "nueces",
    ])
}

fn preferences(c: &Clause) -> bool {
    let diet = c.words.iter().any(|w| diet_word(w).is_some());
    let identity = c.any_phrase(&[
        "i m",
        "im",
        "we re",
        "were",
        "soy",
        "somos",
        "i am",
        "we are",
        "es",
        "son",
        "en casa somos",
        "mi hijo es",
        "mi hija es",
        // Becoming: "nos hicimos veganos", "we went vegetarian".
        "nos hicimos",
        "me hice",
        "se hizo",
        "we went",
        "we ve gone",
        "we became",
        "i went",
        "i ve gone",
        "i became",
    ]);
    let planning = c.any(&[
        "plan",
        "planifica",
        "planea",
        "arma",
        "recipes",
        "recetas",
        "recipe",
        "receta",
        "ideas",
        "busca",
        "buscame",
        "lunches",
        "dinners",
        "cenas",
        "menu",
        "organiza",
        "fill",
    ]);
    if diet && identity && !planning {
        return true;
    }
    if allergy_said(c) {
        return true;
    }
    if (c.any_phrase(DISLIKE) || c.phrase("keep it out"))
        && !c.any(&["tonight", "noche", "hoy", "today"])
        && !(read_when(
            &c.w(),
            NaiveDate::from_ymd_opt(2000, 1, 5).unwrap_or_default(),
        )
        .date
        .is_some()
            || c.any_phrase(&["lo que pusieron", "lo que hay", "what you put"]))
    {
        return true;
    }
    let has_number = c.words.iter().any(|w| {
        w.trim_end_matches(|ch: char| ch.is_alphabetic())
            .parse::<u32>()
            .is_ok()
    });
    if c.any_phrase(&[
        "a day",
        "per day",
        "por dia",
        "al dia",
        "a week",
        "per week",
        "por semana",
        "a la semana",
        "semanal",
        "semanales",
        "each week",
        "every week",
        "weekly",
    ]) && has_number
        && !c.any(&["plan", "planifica"])
    {
        return true;
    }
    if c.any(&["cals", "kcals"]) && c.any_phrase(&["a day", "per day", "por dia"]) {
        return true;
    }
    // "1800 calorías diarias", "2000 calories daily".
    if c.any(&["calories", "calorias", "kcal", "cals", "kcals"])
        && c.any(&["diarias", "daily", "diarios", "diaria"])
        && has_number
    {
        return true;
    }
    if c.any_phrase(&["keep it under", "spend", "gastar"])
        && c.any_phrase(&["a week", "per week", "por semana"])
    {
        return true;
    }
    if moving(c) && city_zone(&c.w()).is_some() {
        return true;
    }
    if c.any(&["budget", "presupuesto", "timezone"])
        || c.any_phrase(&[
            "zona horaria",
            "time zone",
            "hablame en",
            "habla en",
            "talk to me in",
            "in spanish",
            "in english",
            "speak",
            "switch to english",
            "switch to spanish",
            "el idioma",
            "language",
            "idioma",
            "en ingles",
            "en espanol",
            "en castellano",
            "contestame en",
            "respondeme en",
            "answer in",
            "reply in",
        ]) && !c.any(&["recipe", "receta"])
    {
        return true;
    }
    if c.any_phrase(&["family of", "somos", "we re a family", "we are"])
        && c.words.iter().any(|w| words::number(w).is_some())
        && !c.any(&["plan", "planifica", "recetas", "recipes"])
    {
        return true;
    }
    if c.any_phrase(&[
        "per recipe",
        "por receta",
        "recetas de mas de",
        "recipes over",
        "no quiero recetas",
    ]) {
        return true;
    }
    // "there are 5 of us", "from now on nothing over 25 minutes".
    if c.phrase("of us") && c.words.iter().any(|w| words::number(w).is_some()) && !planning {
        return true;
    }
    // "we're 5 now", "ahora somos 4".
    if c.any_phrase(&["we re", "we are", "somos", "ahora somos"])
        && c.words.len() <= 6
        && c.words.iter().any(|w| words::number(w).is_some())
        && !planning
    {
        return true;
    }
    if c.any_phrase(STANDING) && max_minutes(c).is_some() {
        return true;
    }
    // "nada de más de 20 minutos", "nothing over half an hour" on its own:
    // a standing limit (after a planning request it limits that plan).
    if !planning
        && c.any_phrase(NOTHING_OVER)
        && max_minutes(c).is_some()
        // "tonight nothing over 30 minutes" is for tonight.
        && !c.any(&["tonight", "today", "hoy", "noche", "tomorrow", "manana"])
    {
        return true;
    }
    false
}

fn diet_word(w: &str) -> Option<Diet> {
    Some(match w {
        "vegetarian" | "vegetariano" | "vegetariana" | "vegetarianos" | "vegetarianas"
        | "veggie" => Diet::Vegetarian,
        "vegan" | "vegano" | "vegana" | "veganos" | "veganas" => Diet::Vegan,
        "pescatarian" | "pescetarian" | "pescetariano" | "pescetarianos" | "pescetariana"
        | "pescetarianas" | "pescatariano" | "pescatarianos" => Diet::Pescatarian,
        _ => return None,
    })
}

fn diet_in(c: &Clause) -> Option<Diet> {
    // "ya no somos veganos", "we're not vegan anymore": a diet left behind.
    let w = c.w();
    let negated = |i: usize| {
        let before = |k: usize| i.checked_sub(k).and_then(|j| w.get(j)).copied();
        before(1) == Some("not")
            || before(2) == Some("no")
                && matches!(before(1), Some("somos" | "soy" | "es" | "son" | "longer"))
    };
    if let Some(d) = w
        .iter()
        .enumerate()
        .find_map(|(i, x)| diet_word(x).filter(|_| !negated(i)))
    {
        return Some(d);
    }
    if w.iter().any(|x| diet_word(x).is_some()) {
        return None;
    }
    if c.any_phrase(&[
        "gluten free",
        "sin gluten",
        "gluten freee",
        "celiac",
        "celiaco",
        "sin tacc",
        "celiaca",
    ]) {
        return Some(Diet::GlutenFree);
    }
    if c.any_phrase(&[
        "dairy free",
        "sin lacteos",
        "sin lactosa",
        "lactose free",
        "no dairy",
    ]) {
        return Some(Diet::DairyFree);
    }
    None
}

fn max_minutes(c: &Clause) -> Option<u32> {
    let w = c.w();
    for (i, word) in w.iter().enumerate() {
        let is_min = matches!(
            *word,
            "minutes" | "minutos" | "min" | "mins" | "minute" | "minuto"
        );
        if is_min
            && i > 0
            && let Some(n) = w[i - 1]
                .parse::<u32>()
                .ok()
                .or_else(|| words::number_word(w[i - 1]).filter(|_| w[i - 1] != "a"))
        {
            return Some(n);
        }
        // "under 45", "menos de 40", "max 25"
        if let Some(n) = word.strip_suffix("min").and_then(|n| n.parse::<u32>().ok()) {
            return Some(n);
        }
    }
    if c.any_phrase(&["media hora", "half an hour", "half hour"]) {
        return Some(30);
    }
    if c.any_phrase(&["an hour", "una hora"]) {
        return Some(60);
    }
    None
}

fn servings(c: &Clause) -> Option<u32> {
    let w = c.w();
    for (i, word) in w.iter().enumerate() {
        if matches!(
            *word,
            "people" | "personas" | "persons" | "comensales" | "of"
        ) && i > 0
        {
            if *word == "of" {
                // "for the four of us".
                if w.get(i + 1) == Some(&"us")
                    && let Some(n) = words::number(w[i - 1])
                {
                    return Some(n);
                }
                continue;
            }
            if let Some(n) = words::number(w[i - 1]) {
                return Some(n);
            }
        }
        // "feeds 4", "serves 6", "rinde 4".
        if matches!(*word, "feeds" | "serves" | "rinde" | "rinda")
            && let Some(n) = w.get(i + 1).and_then(|x| words::number(x))
        {
            return Some(n);
        }
        if matches!(*word, "for" | "para")
            && let Some(n) = w.get(i + 1).and_then(|x| words::number(x))
        {
            let unit_after = w.get(i + 2).copied().unwrap_or("");
            if !matches!(
                unit_after,
                "days" | "dias" | "day" | "dia" | "minutes" | "minutos" | "min"
            ) {
                return Some(n);
            }
        }
    }
    None
}

fn date_str(d: NaiveDate) -> Value {
    json!(d.format("%Y-%m-%d").to_string())
}

fn extract(intent: Intent, c: &Clause, now: Now, table: &FoodTable) -> Option<Call> {
    let w = c.w();
    let when = read_when(&w, now.today);
    let mut args = Map::new();
    let tool = match intent {
        Intent::Invite => {
            if c.any(&["vincular", "vinculo"])
                || c.any_phrase(&[
                    "link my",
                    "link another",
                    "my other account",
                    "mi otra cuenta",
                    "otra cuenta",
                ])
            {
                args.insert("link".into(), json!(true));
            }
            "create_invite"
        }
        Intent::Undo => "undo",
        Intent::Help => "help",
        Intent::Reminder => {
            // "in 2 hours", "en 20 minutos": from now.
            let w = c.w();
            let relative = w.windows(3).find_map(|p| {
                if !matches!(p[0], "in" | "en" | "within") {
                    return None;
                }
                let n = words::number(p[1])?;
                let minutes = match p[2] {
                    "hours" | "hour" | "horas" | "hora" | "hrs" | "hr" => n.checked_mul(60)?,
                    "minutes" | "minute" | "minutos" | "minuto" | "mins" | "min" => n,
                    _ => return None,
                };
                Some(minutes)
            });
            if let Some(minutes) = relative {
                let at = now.today.and_time(now.time)
                    + chrono::Duration::minutes(i64::from(minutes.min(60 * 24 * 30)));
                args.insert("text".into(), json!(reminder_text(c)));
                args.insert("at".into(), json!(at.format("%Y-%m-%dT%H:%M").to_string()));
                return Some(Call::new("set_reminder", args));
            }
            let date = when.date;
            let time = when.time.or_else(|| {
                c.has("noon")
                    .then(|| NaiveTime::from_hms_opt(12, 0, 0))
                    .flatten()
            });
            let (day, time) = match (date, time) {
                (Some(d), Some(t)) => (d, t),
                (Some(d), None) => (d, NaiveTime::from_hms_opt(9, 0, 0)?),
                (None, Some(t)) => {
                    // "at 6" said at 10 in the morning: six this evening.
                    let half_day = c.any(&["am", "pm", "morning", "evening", "tonight"])
                        || c.any_phrase(&[
                            "de la manana",
                            "por la manana",
                            "de la tarde",
                            "de la noche",
                        ])
                        || c.words.iter().any(|w| {
                            (w.ends_with("am") || w.ends_with("pm"))
                                && w.starts_with(|ch: char| ch.is_ascii_digit())
                        });
                    let later = t + chrono::Duration::hours(12);
                    if t > now.time {
                        (now.today, t)
                    } else if !half_day && t.hour() < 12 && later > now.time {
                        (now.today, later)
                    } else {
                        (now.today + Days::new(1), t)
                    }
                }
                (None, None) => return None,
            };
            let time = if c.any_phrase(&["y media", "and a half", "thirty"])
                && time.format("%M").to_string() == "00"
            {
                time + chrono::Duration::minutes(30)
            } else {
                time
            };
            args.insert("text".into(), json!(reminder_text(c)));
            args.insert(
                "at".into(),
                json!(format!(
                    "{}T{}",
                    day.format("%Y-%m-%d"),
                    time.format("%H:%M")
                )),
            );
            "set_reminder"
        }
        Intent::ShowList => "show_shopping_list",
        Intent::AddList => {
            args.insert("items".into(), Value::Array(items(c, table, now)));
            "add_to_shopping_list"
        }
        Intent::CheckOff => {
            args.insert("items".into(), Value::Array(items(c, table, now)));
            "check_off"
        }
        Intent::AddPantry => {
            args.insert("items".into(), Value::Array(items(c, table, now)));
            "add_to_pantry"
        }
        Intent::RemovePantry => {
            args.insert("items".into(), Value::Array(items(c, table, now)));
            "remove_from_pantry"
        }
        Intent::ShowPantry => {
            if let Some(days) = expiry_window(c) {
                args.insert("expiring_within_days".into(), json!(days));
            }
            "show_pantry"
        }
        Intent::Suggest => "suggest_from_pantry",
        Intent::FindRecipes => {
            let (query, ingredients) = recipe_query(c, table);
            if let Some(q) = query {
                args.insert("query".into(), json!(q));
            }
            if !ingredients.is_empty() {
                args.insert("ingredients".into(), json!(ingredients));
            }
            if let Some(d) = diet_in(c) {
                args.insert("diet".into(), json!(d.name()));
            }
            if let Some(m) = max_minutes(c) {
                args.insert("max_minutes".into(), json!(m));
            }
            "find_recipes"
        }
        Intent::ShowRecipe => {
            args.insert("recipe".into(), json!(recipe_name(c)?));
            if let Some(n) = servings(c) {
                args.insert("servings".into(), json!(n));
            }
            "show_recipe"
        }
        Intent::Cooked => {
            let date = if c.any(&["yesterday", "ayer"]) {
                Some(now.today - Days::new(1))
            } else {
                when.date
            };
            if let Some(d) = date {
                args.insert("date".into(), date_str(d));
            }
            let meal = when.meal.or_else(|| {
                c.words.iter().find_map(|w| match w.as_str() {
                    "almorzamos" => Some(MealType::Lunch),
                    "cenamos" => Some(MealType::Dinner),
                    "desayunamos" => Some(MealType::Breakfast),
                    _ => None,
                })
            });
            if let Some(m) = meal {
                args.insert("meal".into(), json!(m.name()));
            }
            if let Some(r) = cooked_recipe(c) {
                args.insert("recipe".into(), json!(r));
            }
            "cooked"
        }
        Intent::Nutrition => {
            if when.week || c.any(&["week", "semana", "semanal", "weekly", "semanales"]) {
                args.insert("week".into(), json!(true));
            } else if let Some(d) = when.date {
                args.insert("date".into(), date_str(d));
            }
            "nutrition_summary"
        }
        Intent::Preferences => {
            preference_args(c, &mut args);
            if args.is_empty() {
                return None;
            }
            "set_preferences"
        }
        Intent::Swap => {
            let (a, b) = two_slots(c, &when, now)?;
            args.insert(
                "from".into(),
                json!({"date": a.0.format("%Y-%m-%d").to_string(), "meal": a.1.name()}),
            );
            args.insert(
                "to".into(),
                json!({"date": b.0.format("%Y-%m-%d").to_string(), "meal": b.1.name()}),
            );
            "swap_meals"
        }
        Intent::Replace => {
            let date = when
                .date
                .or_else(|| c.any(&["tonight", "hoy", "today"]).then_some(now.today))?;
            args.insert("date".into(), date_str(date));
            args.insert(
                "meal".into(),
                json!(when.meal.unwrap_or(MealType::Dinner).name()),
            );
            if let Some(q) = replace_query(c) {
                args.insert("query".into(), json!(q));
            }
            "replace_meal"
        }
        Intent::Plan => {
            plan_args(c, &when, now, &mut args);
            "plan_week"
        }
        Intent::ShowPlan => {
            // "what's for dinner?" is tonight's.
            let date = when.date.or_else(|| when.meal.map(|_| now.today));
            if let Some(d) = date {
                args.insert("date".into(), date_str(d));
            }
            if let Some(m) = when.meal {
                args.insert("meal".into(), json!(m.name()));
            }
            "show_plan"
        }
    };
    Some(Call::new(tool, args))
}

/// Two or more dates that follow each other: the first and how many.
fn consecutive(dates: &[NaiveDate]) -> Option<(NaiveDate, u32)> {
    let mut sorted = dates.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let follow = sorted.len() >= 2 && sorted.windows(2).all(|p| p[1] == p[0] + Days::new(1));
    follow.then(|| (sorted[0], sorted.len() as u32))
}

fn plan_args(c: &Clause, when: &When, now: Now, args: &mut Map<String, Value>) {
    // "monday to friday (next week)", "de lunes a viernes".
    let w = c.w();
    let range = w.windows(3).find_map(|p| {
        let (from, to) = (dates::weekday_word(p[0])?, dates::weekday_word(p[2])?);
        matches!(
            p[1],
            "to" | "a" | "al" | "hasta" | "through" | "thru" | "till"
        )
        .then_some((from, to))
    });
    if let Some((from, to)) = range {
        let base = when.span.map_or(now.today, |s| s.start);
        let start = dates::next_weekday(base, from, false);
        let end = dates::next_weekday(start, to, false);
        args.insert("start".into(), date_str(start));
        args.insert("days".into(), json!((end - start).num_days() + 1));
    } else if let Some(span) = when.span {
        args.insert("start".into(), date_str(span.start));
        args.insert("days".into(), json!(span.days));
    } else if let Some(days) = when.days {
        args.insert("days".into(), json!(days));
        // "4 days starting tomorrow".
        if let Some(d) = when.date {
            args.insert("start".into(), date_str(d));
        }
    } else if let Some(days) = consecutive(&when.dates) {
        // "saturday and sunday", "el jueves y el viernes".
        args.insert("start".into(), date_str(days.0));
        args.insert("days".into(), json!(days.1));
    } else if let Some(d) = when.date {
        args.insert("start".into(), date_str(d));
        args.insert("days".into(), json!(1));
    }
    if !when.meals.is_empty() {
        args.insert(
            "meals".into(),
            json!(when.meals.iter().map(|m| m.name()).collect::<Vec<_>>()),
        );
    }
    if let Some(d) = diet_in(c) {
        args.insert("diet".into(), json!(d.name()));
    }
    if let Some(m) = max_minutes(c) {
        args.insert("max_minutes".into(), json!(m));
    }
    if let Some(n) = servings(c) {
        args.insert("servings".into(), json!(n));
    }
}

/// Adds what a clause without its own intent says to the call before it.
fn complete(prev: &mut Call, c: &Clause, now: Now, table: &FoodTable) {
    let when = read_when(&c.w(), now.today);
    if is_chatter(c) {
        return;
    }
    let Value::Object(args) = &mut prev.args else {
        return;
    };
    match prev.tool.as_str() {
        // "compré frutillas, se vencen el sábado": bought goes to the pantry
        // with its date.
        "check_off" if expiry_date(c, now).is_some() => {
            if let Some(d) = expiry_date(c, now)
                && let Some(Value::Object(last)) = args
                    .get_mut("items")
                    .and_then(Value::as_array_mut)
                    .and_then(|a| a.last_mut())
            {
                last.insert("expires".into(), date_str(d));
            }
        }
        "plan_week" => {
            let mut extra = Map::new();
            plan_args(c, &when, now, &mut extra);
            // "there's 4 of us", "somos 3": the people the plan serves.
            if !extra.contains_key("servings") {
                let mut prefs = Map::new();
                preference_args(c, &mut prefs);
                if let Some(n) = prefs.get("household_size") {
                    extra.insert("servings".into(), n.clone());
                }
            }
            // A subordinate clause ("que no tengo tiempo para desayunos")
            // adds no meals, unless it narrows them ("pero solo almuerzos").
            if c.starts(&["que", "porque", "because", "since", "as", "i", "so"])
                || c.starts(&["pero", "but"]) && !c.any(&["solo", "only", "just", "sólo"])
            {
                extra.remove("meals");
                extra.remove("start");
                extra.remove("days");
            }
            for (k, v) in extra {
                args.entry(k).or_insert(v);
            }
        }
        "show_recipe" => {
            let mut prefs = Map::new();
            preference_args(c, &mut prefs);
            let n = servings(c)
                .map(|n| json!(n))
                .or_else(|| prefs.get("household_size").cloned())
                .or_else(|| {
                    c.words
                        .iter()
                        .rev()
                        .find_map(|w| words::number(w))
                        .filter(|_| c.any(&["be", "seremos", "somos", "people", "personas"]))
                        .map(|n| json!(n))
                });
            if let Some(n) = n {
                args.entry("servings").or_insert(n);
            }
        }
        "find_recipes" => {
            if let Some(m) = max_minutes(c) {
                args.entry("max_minutes").or_insert(json!(m));
            }
            if let Some(d) = diet_in(c) {
                args.entry("diet").or_insert(json!(d.name()));
            }
            // "…using eggs, tomatoes and onion": more ingredients.
            if args.contains_key("ingredients") && max_minutes(c).is_none() {
                let (_, more) = recipe_query(
                    &Clause::new(
                        std::iter::once("with".to_string())
                            .chain(c.words.iter().cloned())
                            .collect(),
                        Vec::new(),
                    ),
                    table,
                );
                if let Some(arr) = args.get_mut("ingredients").and_then(Value::as_array_mut) {
                    arr.extend(more.into_iter().map(Value::String));
                }
            }
        }
        "add_to_shopping_list" | "remove_from_pantry" | "check_off" if continues_list(c) => {
            let more = more_items(c, table, now);
            if let Some(arr) = args.get_mut("items").and_then(Value::as_array_mut) {
                arr.extend(more);
            }
        }
        // A wish already said stands against later chatter ("…to a lentil
        // soup? She's doing some cleanse thing"), unless the clause opens
        // with one ("…, better something with chicken").
        "replace_meal"
            if args.contains_key("query")
                && !c.starts(&[
                    "for",
                    "por",
                    "con",
                    "with",
                    "something",
                    "algo",
                    "mejor",
                    "better",
                    "instead",
                    "rather",
                    "make",
                    "pone",
                    "put",
                ]) => {}
        "replace_meal" => {
            // "…, something with chicken?", "…, poné milanesas".
            let with = Clause::new(
                std::iter::once("for".to_string())
                    .chain(c.words.iter().cloned())
                    .collect(),
                Vec::new(),
            );
            // Not the chatter that often follows ("the kids already had pasta twice").
            if let Some(q) = replace_query(&with).filter(|q| q.split(' ').count() <= 4) {
                args.insert("query".into(), json!(q));
            }
        }
        "add_to_pantry" => {
            if let Some(d) = expiry_date(c, now) {
                if let Some(Value::Object(last)) = args
                    .get_mut("items")
                    .and_then(Value::as_array_mut)
                    .and_then(|a| a.last_mut())
                {
                    last.insert("expires".into(), date_str(d));
                }
            } else if continues_list(c) {
                let more = more_items(c, table, now);
                if let Some(arr) = args.get_mut("items").and_then(Value::as_array_mut) {
                    arr.extend(more);
                }
            }
        }
        "set_preferences" => preference_args(c, args),
        _ => {}
    }
}

/// "put them on the list", "anotalos", "anotá otro": the items named before.
fn refers_back(c: &Clause) -> bool {
    c.any(&[
        "them", "it", "those", "these", "los", "las", "lo", "la", "otro", "otra", "otros", "otras",
        "another", "more",
    ]) || c.words.iter().any(|w| {
        verb_root(w).is_some() && ["lo", "la", "los", "las"].iter().any(|s| w.ends_with(s))
    })
}

/// Whether a clause with no verb of its own may continue the previous
/// list of items: short, or opening with an amount ("…, 2 latas de atún y
/// media docena de huevos"); long chatter is not a list.
fn continues_list(c: &Clause) -> bool {
    // "…, que mañana hago chimi": a reason, not more items.
    if c.starts(&["que", "porque", "because", "since", "cause", "cuz", "pues"]) {
        return false;
    }
    c.words.len() <= 8
        || c.words.len() <= 14
            && c.words.first().is_some_and(|w| {
                words::number(w).is_some()
                    || w.starts_with(|ch: char| ch.is_ascii_digit())
                    || matches!(w.as_str(), "media" | "medio" | "half" | "a" | "un" | "una")
            })
}

/// Items that continue a list: known foods or named amounts only, so a
/// trailing "taco night!!" is not bought.
fn more_items(c: &Clause, table: &FoodTable, now: Now) -> Vec<Value> {
    items(c, table, now)
        .into_iter()
        .filter(|i| plausible_item(i, table))
        .collect()
}

/// An item of three words or more, most of them in no food's name, and no
/// amount ("le escribo para solicitarle que incorpore…"); "toilet paper"
/// and "kitty litter" stay.
fn is_chatter_item(item: &Value) -> bool {
    if item.get("quantity").is_some() {
        return false;
    }
    let Some(name) = item["name"].as_str() else {
        return false;
    };
    let folded = fold_name(name);
    let all: Vec<&str> = folded.split(' ').collect();
    let strange = all.iter().filter(|w| !words::is_food_word(w)).count();
    all.len() >= 3 && strange * 2 > all.len()
}

/// An item with an amount, or whose words all belong to food names.
fn plausible_item(i: &Value, table: &FoodTable) -> bool {
    i.get("quantity").is_some()
        || i["name"].as_str().is_some_and(|n| {
            table.lookup(n).is_some() || fold_name(n).split(' ').all(words::is_food_word)
        })
}

fn merge(prev: &mut Call, next: &Call) -> bool {
    if prev.args == next.args {
        return true;
    }
    let (Value::Object(a), Value::Object(b)) = (&mut prev.args, &next.args) else {
        return false;
    };
    match prev.tool.as_str() {
        "set_preferences" | "create_invite" => {
            for (k, v) in b {
                a.entry(k.clone()).or_insert(v.clone());
            }
            true
        }
        "add_to_shopping_list" | "add_to_pantry" | "remove_from_pantry" | "check_off" => {
            let extra = b
                .get("items")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let names: Vec<Value> = a
                .get("items")
                .and_then(Value::as_array)
                .map(|v| v.iter().map(|i| i["name"].clone()).collect())
                .unwrap_or_default();
            if extra.iter().all(|i| names.contains(&i["name"])) {
                return true;
            }
            if let Some(arr) = a.get_mut("items").and_then(Value::as_array_mut) {
                arr.extend(extra.into_iter().filter(|i| !names.contains(&i["name"])));
            }
            true
        }
        _ => false,
    }
}

fn expiry_window(c: &Clause) -> Option<u32> {
    let w = c.w();
    if let Some(i) = w.iter().position(|x| matches!(*x, "days" | "dias"))
        && i > 0
        && let Some(n) = words::number(w[i - 1])
    {
        return Some(n);
    }
    if c.any(&["fortnight", "quincena"]) || c.any_phrase(&["two weeks", "dos semanas"]) {
        return Some(14);
    }
    if c.any(&["week", "semana"]) {
        return Some(7);
    }
    if c.any(EXPIRY_WORDS) || c.any(&["going"]) || c.any_phrase(&["por vencer"]) {
        return Some(3);
    }
    None
}

/// Words asking what expires ("what expires soon", "¿algo que caduque?").
const EXPIRY_WORDS: &[&str] = &[
    "expiring", "expires", "expire", "vence", "vencen", "bence", "caduca", "caducan", "caduque",
    "caduquen", "caducar", "vencer", "venza", "venzan", "spoil", "spoiling",
];

/// Where an expiry phrase starts: "expires …", "until …", "use by …",
/// "best before …", "won't last past …", "consumir antes …".
fn expiry_start(w: &[&str]) -> Option<usize> {
    w.iter().enumerate().position(|(k, x)| {
        let next = w.get(k + 1).copied().unwrap_or("");
        match *x {
            "expires" | "expire" | "expiring" | "vence" | "vencen" | "caduca" | "caducan"
            | "until" | "hasta" | "bence" | "till" => true,
            "use" | "best" | "eat" => matches!(next, "by" | "before"),
            "last" | "keep" | "keeps" => next == "past",
            "consumir" | "consumirse" | "usar" => next == "antes",
            _ => false,
        }
    })
}

fn expiry_date(c: &Clause, now: Now) -> Option<NaiveDate> {
    let w = c.w();
    let i = expiry_start(&w)?;
    read_when(&w[i..], now.today).date.or_else(|| {
        // "best before 30/11", "vence el 3/12": day and month.
        let nums: Vec<u32> = w[i + 1..]
            .iter()
            .filter(|x| {
                !matches!(
                    **x,
                    "el" | "the" | "on" | "by" | "before" | "past" | "antes"
                )
            })
            .take(2)
            .map_while(|x| x.parse::<u32>().ok())
            .collect();
        let [d, m] = nums[..] else { return None };
        let year = now.today.year();
        NaiveDate::from_ymd_opt(year, m, d).map(|date| {
            if date < now.today {
                NaiveDate::from_ymd_opt(year + 1, m, d).unwrap_or(date)
            } else {
                date
            }
        })
    })
}

/// A clause that only dates what came before: "use by 1 December", "best
/// before friday", "vence el lunes".
fn dates_before(c: &Clause) -> bool {
    c.starts_phrase(&[
        "use by",
        "best before",
        "best by",
        "eat by",
        "good until",
        "good till",
        "expires",
        "expira",
        "vence",
        "vencen",
        "caduca",
        "caducan",
        "consumir antes",
    ])
}

/// Words of commands, places and politeness: everything in an item clause
/// that is not an item.
const ITEM_NOISE: &[&str] = &[
    "bueno",
    "he",
    "nada",
    "bro",
    "these",
    "this",
    "esto",
    "estos",
    "estas",
    "yeah",
    "like",
    "oye",
    "este",
    "hey",
    "hi",
    "hello",
    "hola",
    "our",
    "my",
    "your",
    "following",
    "siguientes",
    "productos",
    "so",
    "ok",
    "okay",
    "gracias",
    "thanks",
    "stuff",
    "cosas",
    "uh",
    "um",
    "eh",
    "thats",
    "nomas",
    "eso",
    "po",
    "wey",
    "tio",
    "kindly",
    "hello",
    "ji",
    "ponlo",
    "ponla",
    "ponelas",
    "ponelos",
    "guardalos",
    "guardalas",
    "add",
    "added",
    "agrega",
    "agregame",
    "agregue",
    "agregale",
    "agregar",
    "anota",
    "anotame",
    "anotala",
    "anotalo",
    "apunta",
    "suma",
    "sumale",
    "sumalo",
    "sumala",
    "sumalos",
    "put",
    "pone",
    "poneme",
    "anade",
    "please",
    "pls",
    "plz",
    "porfa",
    "favor",
    "por",
    "che",
    "to",
    "the",
    "on",
    "in",
    "a",
    "la",
    "al",
    "el",
    "los",
    "las",
    "lo",
    "de",
    "del",
    "en",
    "list",
    "lista",
    "shopping",
    "grocery",
    "groceries",
    "compra",
    "compras",
    "super",
    "pantry",
    "despensa",
    "alacena",
    "heladera",
    "nevera",
    "fridge",
    "freezer",
    "cupboard",
    "inventory",
    "inventario",
    "we",
    "need",
    "necesitamos",
    "necesito",
    "nesesitamos",
    "i",
    "ve",
    "got",
    "have",
    "now",
    "tenemos",
    "tengo",
    "hay",
    "que",
    "comprar",
    "buy",
    "grab",
    "pick",
    "up",
    "gotta",
    "get",
    "nos",
    "falta",
    "faltan",
    "don",
    "t",
    "dont",
    "forget",
    "should",
    "bought",
    "compre",
    "compramos",
    "ya",
    "tacha",
    "tachame",
    "tachala",
    "tachalo",
    "check",
    "checked",
    "off",
    "cross",
    "of",
    "tick",
    "mark",
    "as",
    "marca",
    "marque",
    "como",
    "comprado",
    "comprados",
    "comprada",
    "compradas",
    "grabbed",
    "picked",
    "consegui",
    "conseguimos",
    "cart",
    "carrito",
    "estan",
    "esta",
    "are",
    "is",
    "scratch",
    "them",
    "it",
    "already",
    "out",
    "ran",
    "run",
    "no",
    "more",
    "gone",
    "se",
    "acabo",
    "acabaron",
    "termino",
    "terminaron",
    "queda",
    "quedan",
    "quedamos",
    "sin",
    "mas",
    "used",
    "use",
    "usamos",
    "usé",
    "gaste",
    "gastamos",
    "tira",
    "tiralo",
    "tirala",
    "toss",
    "tossed",
    "binned",
    "threw",
    "away",
    "finished",
    "finshed",
    "ate",
    "comimos",
    "elimina",
    "elimine",
    "saca",
    "sacale",
    "quita",
    "quitale",
    "remove",
    "removed",
    "borra",
    "from",
    "fresh",
    "last",
    "just",
    "stocked",
    "restocked",
    "guarde",
    "meti",
    "there",
    "s",
    "theres",
    "pantyr",
    "rack",
    "spice",
    "with",
    "also",
    "too",
    "tambien",
    "un",
    "poco",
    "some",
    "algo",
    "otra",
    "otro",
    "vez",
    "re",
    "were",
    "low",
    "ahi",
    "aca",
    "chek",
    "way",
    "home",
    "y",
    "and",
    "for",
    "lunch",
    "dinner",
    "cena",
    "almuerzo",
    "went",
    "bad",
    "vencio",
    "pudrio",
    "moldy",
    "old",
    "store",
    "quedaron",
    "feria",
    "qe",
    "ay",
    "ni",
    "little",
    "bit",
    "apuntame",
    "sumá",
    "d",
    "ll",
    "you",
    "could",
    "puedes",
    "podes",
    "podrias",
    "sumar",
    "guardala",
    "guardalo",
    "guarda",
    "ponelo",
    "ponela",
    "agregalo",
    "agregala",
    "anotalos",
    "sumalas",
    "otros",
    "again",
    "nuevo",
    "vale",
    "dale",
    "stored",
    "till",
    "good",
    "expire",
    "about",
    "its",
    "refri",
    "congelador",
    "mete",
    "metele",
];

/// The items a clause names: "2 lemons and some garlic" → two items.
fn items(c: &Clause, table: &FoodTable, now: Now) -> Vec<Value> {
    // "can you add…", "could we get…": the modal is no can of anything.
    let all = c.w();
    let w: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|(i, x)| {
            let modal = matches!(**x, "can" | "could")
                && matches!(all.get(i + 1).copied(), Some("you" | "we" | "i" | "u"));
            // "chuck 1 kg of snags on the list", "pop eggs on the list": a
            // colloquial verb opening the message is no food.
            let verb = *i == 0
                && matches!(**x, "chuck" | "pop" | "bung" | "stick" | "throw" | "whack")
                && c.any_phrase(&[
                    "on the list",
                    "on the shopping list",
                    "in the pantry",
                    "in the fridge",
                    "on my list",
                    "on our list",
                ]);
            !modal && !verb
        })
        .map(|(_, x)| *x)
        .collect();
    // Cut an expiry phrase off the end.
    let expiry = expiry_date(c, now);
    let end = expiry_start(&w)
        .map(|i| {
            if i > 0 && matches!(w[i - 1], "that" | "que" | "good") {
                i - 1
            } else {
                i
            }
        })
        .unwrap_or(w.len());
    // "…for a cake", "…para las empanadas": what they are for is no item
    // (up to the next "and").
    let purpose = w[..end]
        .windows(2)
        .position(|p| {
            matches!(p[0], "for" | "para")
                && matches!(
                    p[1],
                    "a" | "an"
                        | "the"
                        | "el"
                        | "la"
                        | "las"
                        | "los"
                        | "un"
                        | "una"
                        | "my"
                        | "our"
                        | "mi"
                        | "mis"
                        | "nuestra"
                        | "nuestro"
                )
        })
        .filter(|i| *i > 0)
        .map(|i| {
            let to = w[i..end]
                .iter()
                .position(|x| matches!(*x, "and" | "y"))
                .map_or(end, |j| i + j);
            i..to
        });
    // Group into items separated by conjunctions.
    let mut groups: Vec<Vec<&str>> = vec![Vec::new()];
    for (i, word) in w[..end].iter().enumerate() {
        if purpose.as_ref().is_some_and(|p| p.contains(&i)) {
            continue;
        }
        let is_sep = matches!(
            *word,
            "and" | "y" | "e" | "plus" | "ni" | "&" | "uh" | "um" | "eh"
        );
        // "salt and pepper"-like pairs stay one item only when both are
        // foods; a separator splits otherwise.
        if is_sep {
            groups.push(Vec::new());
            continue;
        }
        if let Some(g) = groups.last_mut() {
            g.push(word);
        }
    }
    let mut out = Vec::new();
    for g in groups {
        // Strip command and filler words around the item, keep its core.
        let kept: Vec<&str> = g
            .iter()
            .copied()
            .filter(|x| {
                !(ITEM_NOISE.contains(x) || verb_root(x).is_some_and(|r| ITEM_NOISE.contains(&r)))
                    || x.chars().all(|c| c.is_ascii_digit())
            })
            .collect();
        if kept.is_empty() {
            continue;
        }
        // "tres limones" → "3 limones", "eggs x12" → "eggs 12".
        let mut line = rebuild(&g, &kept)
            .split(' ')
            .enumerate()
            .map(|(i, t)| {
                let times = t
                    .strip_prefix('x')
                    .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                match (times, words::number_word(t)) {
                    (Some(n), _) => n.to_string(),
                    (None, Some(n)) if i == 0 && !matches!(t, "a" | "un" | "una" | "uno") => {
                        n.to_string()
                    }
                    _ => t.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        // "rice 1kg", "lentils 500 g": the amount after the food.
        let parts: Vec<&str> = line.split(' ').collect();
        if parts.len() >= 2
            && !parts[0]
                .chars()
                .next()
                .is_some_and(|ch| ch.is_ascii_digit())
        {
            let tail_num = parts
                .iter()
                .rposition(|x| x.chars().next().is_some_and(|ch| ch.is_ascii_digit()));
            if let Some(i) = tail_num.filter(|i| *i > 0) {
                let amount: Vec<&str> = parts[i..].to_vec();
                let food: Vec<&str> = parts[..i].to_vec();
                line = format!("{} {}", amount.join(" "), food.join(" "));
            }
        }
        match item_value(&line, table) {
            // "please add the following to our list: …", "le escribo para
            // solicitarle…": words that are mostly not food name no item.
            Some(item) if is_chatter_item(&item) => {}
            Some(item) => out.push(item),
            None => {
                // An amount without a food ("a dozen", "2 kg"): the food comes from before.
                if let Some((q, unit)) = pronoun_quantity(&Clause::new(
                    line.split(' ').map(String::from).collect(),
                    Vec::new(),
                )) {
                    let mut m = Map::new();
                    if let Some(n) = serde_json::Number::from_f64(q) {
                        m.insert("quantity".into(), Value::Number(n));
                    }
                    if let Some(u) = unit {
                        m.insert("unit".into(), json!(u.symbol()));
                    }
                    out.push(Value::Object(m));
                }
            }
        }
    }
    if let (Some(d), Some(Value::Object(last))) = (expiry, out.last_mut()) {
        last.insert("expires".into(), date_str(d));
    }
    out
}

/// The item words as a line: the original words from the first kept word
/// on (so "medio kilo de queso" keeps its "de"), without trailing noise.
fn rebuild(group: &[&str], kept: &[&str]) -> String {
    let first = kept.first().copied().unwrap_or("");
    let start = group.iter().position(|x| *x == first).unwrap_or(0);
    let mut words: Vec<&str> = group[start..].to_vec();
    // "medio kilo", "un atado", "una docena", "half a kilo": number words before the kept core.
    if start > 0 {
        let before = group[start - 1];
        if matches!(
            before,
            "medio"
                | "media"
                | "un"
                | "una"
                | "a"
                | "half"
                | "one"
                | "dos"
                | "tres"
                | "two"
                | "three"
                | "docena"
                | "dozen"
        ) {
            words.insert(0, before);
            if start > 1 && matches!(group[start - 2], "un" | "una" | "a" | "half") {
                words.insert(0, group[start - 2]);
            }
        }
    }
    while words
        .last()
        .is_some_and(|x| ITEM_NOISE.contains(x) && !x.chars().all(|c| c.is_ascii_digit()))
    {
        words.pop();
    }
    words.join(" ")
}

/// One item: name, and quantity and unit when said.
fn item_value(line: &str, table: &FoodTable) -> Option<Value> {
    let mut m = Map::new();
    let mut parsed = parse_line(line, table);
    // "buter", "cebola": a misspelled food, mended against the food table.
    if matches!(&parsed, Ok(ing) if ing.food.is_none()) {
        let mended: Vec<String> = line
            .split(' ')
            .map(|w| words::mend_food(w).unwrap_or_else(|| w.to_string()))
            .collect();
        let again = parse_line(&mended.join(" "), table);
        if matches!(&again, Ok(ing) if ing.food.is_some()) {
            parsed = again;
        }
    }
    match parsed {
        Err(crate::domain::ingredient::ParseError::NoFood(_)) => return None,
        Ok(ing)
            if ing.food.is_none()
                && ing.quantity.is_some()
                && ing
                    .name
                    .split(' ')
                    .all(|w| ITEM_NOISE.contains(&w) || matches!(w, "dozen" | "docena")) =>
        {
            return None;
        }
        Ok(ing) => {
            let name = if ing.food.is_some() {
                // The words as written when they name a product ("rotisserie
                // chicken"); chat around an item ("ground beef fyi") does not.
                ing.item_name(table)
            } else {
                let cleaned: Vec<&str> = ing
                    .name
                    .split(' ')
                    .filter(|w| !ITEM_NOISE.contains(w))
                    .collect();
                cleaned.join(" ")
            };
            if name.is_empty() {
                return None;
            }
            m.insert("name".into(), json!(name));
            if let Some(q) = ing.quantity {
                let (amount, unit) = match (ing.package, q.unit) {
                    (Some(p), Unit::Can) if false => (p.amount, Some(p.unit)),
                    (_, Unit::Piece) => (q.upper(), None),
                    (_, u) => (q.upper(), Some(u)),
                };
                m.insert(
                    "quantity".into(),
                    serde_json::Number::from_f64(amount).map(Value::Number)?,
                );
                if let Some(u) = unit {
                    m.insert("unit".into(), json!(u.symbol()));
                }
            }
        }
        Err(_) => {
            let name: Vec<&str> = line
                .split(' ')
                .filter(|w| !ITEM_NOISE.contains(w))
                .collect();
            if name.is_empty() {
                return None;
            }
            m.insert("name".into(), json!(name.join(" ")));
        }
    }
    Some(Value::Object(m))
}

/// "add 2 kg to the list" after "used the last of the flour".
fn pronoun_quantity(c: &Clause) -> Option<(f64, Option<Unit>)> {
    let w = c.w();
    for (i, word) in w.iter().enumerate() {
        if let Ok(n) = word.parse::<f64>() {
            if matches!(
                w.get(i + 1).copied(),
                Some("dozen" | "docena" | "docenas" | "dozens")
            ) {
                return Some((n * 12.0, None));
            }
            let unit = w.get(i + 1).and_then(|u| Unit::from_word(u));
            return Some((n, unit));
        }
        if matches!(*word, "dozen" | "docena") {
            let times = if i > 0 {
                w[i - 1].parse::<f64>().unwrap_or(1.0)
            } else {
                1.0
            };
            return Some((12.0 * times, None));
        }
        if matches!(*word, "medio" | "media" | "half") {
            let unit = w.get(i + 1).and_then(|u| Unit::from_word(u));
            return Some((0.5, unit));
        }
        if matches!(*word, "otro" | "otra" | "another") {
            return None;
        }
    }
    None
}

fn strip_words<'a>(words: &[&'a str], noise: &[&str]) -> Vec<&'a str> {
    words
        .iter()
        .copied()
        .filter(|w| !noise.contains(w))
        .collect()
}

const RECIPE_NOISE: &[&str] = &[
    "fa",
    "um",
    "uh",
    "eh",
    "like",
    "por",
    "unos",
    "unas",
    "mins",
    "min",
    "buscas",
    "buscame",
    "po",
    "pues",
    "looking",
    "busco",
    "buscando",
    "for",
    "ideas",
    "idea",
    "vegan",
    "rapidos",
    "rapidas",
    "rapido",
    "rapida",
    "tienes",
    "tenes",
    "tiene",
    "hay",
    "conoces",
    "sabes",
    "know",
    "have",
    "you",
    "recipe",
    "recipes",
    "receta",
    "recetas",
    "recipies",
    "ideas",
    "ideaas",
    "idea",
    "find",
    "search",
    "busca",
    "buscame",
    "encuentrame",
    "encontra",
    "me",
    "a",
    "an",
    "some",
    "any",
    "good",
    "how",
    "about",
    "de",
    "del",
    "la",
    "las",
    "el",
    "los",
    "for",
    "para",
    "pasame",
    "quiero",
    "got",
    "look",
    "up",
    "tiene",
    "tenes",
    "alguna",
    "algun",
    "que",
    "salga",
    "en",
    "menos",
    "under",
    "in",
    "than",
    "less",
    "min",
    "minutes",
    "minutos",
    "minute",
    "max",
    "porfa",
    "please",
    "pls",
    "show",
    "dame",
    "rapidos",
    "rapidas",
    "quick",
    "easy",
    "faciles",
    "ideas",
    "using",
    "with",
    "con",
    "what",
    "can",
    "i",
    "we",
    "make",
    "cook",
    "cocinar",
    "hacer",
    "puedo",
    "hago",
    "and",
    "y",
    "e",
    "mas",
    "media",
    "hora",
    "half",
    "an",
    "hour",
    "algo",
    "something",
    "leftover",
    "sobras",
    "sin",
    "free",
    "the",
    "to",
    "of",
    "todo",
    "que",
    "mostrame",
    "muestra",
    "una",
    "un",
];

/// The query words and the ingredients of a recipe search.
fn recipe_query(c: &Clause, table: &FoodTable) -> (Option<String>, Vec<String>) {
    let w = c.w();
    let diet_words = [
        "vegan",
        "vegano",
        "vegana",
        "veganas",
        "veganos",
        "vegetarian",
        "vegetariano",
        "vegetariana",
        "vegetarianas",
        "vegetarianos",
        "pescatarian",
        "pescetarian",
        "pescetarianas",
        "pescetarianos",
        "gluten",
        "dairy",
        "lacteos",
        "lactosa",
        "lactose",
        "tacc",
        "sin",
        "free",
    ];
    // Ingredients follow "with", "con", "using", "for leftover".
    let marker = w.iter().position(|x| {
        matches!(
            *x,
            "with" | "con" | "using" | "leftover" | "sobras" | "use" | "uses" | "usan" | "lleven"
        )
    });
    let (head, tail) = match marker {
        Some(i) => (&w[..i], &w[i + 1..]),
        None => (&w[..], &[][..]),
    };
    let mut ingredients = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    let flush = |group: &mut Vec<&str>, out: &mut Vec<String>| {
        let core = strip_words(group, RECIPE_NOISE);
        let core: Vec<&str> = core
            .into_iter()
            .filter(|x| !diet_words.contains(x) && x.parse::<u32>().is_err())
            .collect();
        if !core.is_empty() {
            let text = core.join(" ");
            let name = table.lookup(&text).map_or(text, |f| f.name.clone());
            out.push(name);
        }
        group.clear();
    };
    for x in tail {
        if matches!(*x, "and" | "y" | "e" | "," | "&") {
            flush(&mut group, &mut ingredients);
        } else if matches!(
            *x,
            "in" | "en" | "under" | "de" | "menos" | "that" | "que" | "which" | "for" | "para"
        ) && !group.is_empty()
        {
            flush(&mut group, &mut ingredients);
            break;
        } else {
            group.push(x);
        }
    }
    flush(&mut group, &mut ingredients);
    // "what can I make with what I have" is a pantry suggestion, not here.
    let head_core: Vec<&str> = strip_words(head, RECIPE_NOISE)
        .into_iter()
        .filter(|x| {
            !diet_words.contains(x)
                && x.parse::<u32>().is_err()
                && !matches!(*x, "dessert" | "desserts")
                || matches!(*x, "dessert" | "desserts")
        })
        .collect();
    // "…que no tarde más de 20 minutos": a relative clause is a limit, not a query.
    let head_core: Vec<&str> = match head
        .iter()
        .position(|x| matches!(*x, "que" | "that" | "which"))
    {
        Some(cut) => head_core
            .into_iter()
            .filter(|x| head[..cut].contains(x))
            .collect(),
        None => head_core,
    };
    // Keep "de" between two kept words: "crema de calabaza".
    let mut joined: Vec<&str> = Vec::new();
    for (i, x) in head.iter().enumerate() {
        if head_core.contains(x) {
            if *x == "de" {
                continue;
            }
            if !joined.is_empty()
                && i > 0
                && matches!(head[i - 1], "de" | "del")
                && head_core.contains(&head[i.saturating_sub(2)])
            {
                joined.push(head[i - 1]);
            }
            joined.push(x);
        }
    }
    let query = (!joined.is_empty()).then(|| joined.join(" "));
    (query, ingredients)
}

fn recipe_name(c: &Clause) -> Option<String> {
    // "abrí la receta de ñoquis para 2": the words after "receta de".
    if let Some(i) = c
        .words
        .iter()
        .position(|w| matches!(w.as_str(), "receta" | "recipe"))
    {
        let after: Vec<String> = c.words[i + 1..]
            .iter()
            .skip_while(|w| {
                matches!(
                    w.as_str(),
                    "de" | "del" | "for" | "of" | "la" | "el" | "the"
                )
            })
            .cloned()
            .collect();
        let before: Vec<String> = c.words[..i].to_vec();
        let tail = Clause::new(after.clone(), Vec::new());
        if !after.is_empty()
            && after.iter().any(|w| !matches!(w.as_str(), "para" | "for"))
            && let Some(name) = recipe_name_words(&tail)
        {
            return Some(name);
        }
        let head = Clause::new(before, Vec::new());
        return recipe_name_words(&head);
    }
    recipe_name_words(c)
}

fn recipe_name_words(c: &Clause) -> Option<String> {
    const NOISE: &[&str] = &[
        "share",
        "of",
        "please",
        "show",
        "me",
        "the",
        "recipe",
        "receta",
        "for",
        "how",
        "do",
        "i",
        "you",
        "make",
        "open",
        "walk",
        "through",
        "como",
        "se",
        "hace",
        "hacer",
        "abri",
        "abre",
        "pasame",
        "mostrame",
        "muestra",
        "muestrame",
        "la",
        "el",
        "de",
        "del",
        "los",
        "las",
        "people",
        "personas",
        "para",
        "to",
        "a",
        "prepara",
        "hago",
        "preparo",
        "porfa",
        "please",
        "pls",
        "send",
        "give",
        "see",
        "view",
        "could",
        "can",
        "manda",
        "mandame",
        "enviame",
        "quiero",
        "ver",
    ];
    let w = c.w();
    let mut core = Vec::new();
    for (i, x) in w.iter().enumerate() {
        if matches!(*x, "for" | "para") && w.get(i + 1).is_some_and(|n| words::number(n).is_some())
        {
            break;
        }
        if x.parse::<u32>().is_ok() {
            break;
        }
        // Small words inside a name stay: "toad in the hole", "arroz con leche".
        if !NOISE.contains(x)
            || !core.is_empty()
                && matches!(
                    *x,
                    "de" | "y" | "con" | "and" | "with" | "del" | "in" | "the" | "la" | "el"
                )
                && w.get(i + 1)
                    .is_some_and(|n| !NOISE.contains(n) || matches!(*n, "the" | "la" | "el"))
        {
            core.push(*x);
        }
    }
    while core.last().is_some_and(|x| NOISE.contains(x)) {
        core.pop();
    }
    (!core.is_empty()).then(|| possessive(&core.join(" ")))
}

/// "shepherd s pie" → "shepherd's pie": the apostrophe folding took.
fn possessive(name: &str) -> String {
    name.replace(" s ", "'s ")
}

fn cooked_recipe(c: &Clause) -> Option<String> {
    const NOISE: &[&str] = &[
        "planned",
        "planeado",
        "planeada",
        "unos",
        "unas",
        "some",
        "almorzamos",
        "cenamos",
        "desayunamos",
        "merendamos",
        "anota",
        "anotala",
        "anotalo",
        "marca",
        "marcala",
        "marcalo",
        "como",
        "cocinada",
        "cocinado",
        "it",
        "we",
        "i",
        "cooked",
        "made",
        "the",
        "a",
        "tonight",
        "today",
        "for",
        "breakfast",
        "lunch",
        "dinner",
        "ya",
        "cocinamos",
        "cocine",
        "hicimos",
        "hice",
        "preparamos",
        "prepare",
        "el",
        "la",
        "los",
        "las",
        "de",
        "hoy",
        "esta",
        "noche",
        "al",
        "mediodia",
        "whipped",
        "up",
        "after",
        "all",
        "yesterday",
        "s",
        "ayer",
        "cena",
        "almuerzo",
        "desayuno",
        "merienda",
        "done",
        "cooking",
        "mark",
        "as",
        "tonight",
        "snack",
        "en",
        "casa",
        "anoche",
        "last",
        "night",
        "just",
        "finally",
        "recien",
        "acabamos",
        "acabo",
        "acabe",
    ];
    let words: Vec<&str> = c.words.iter().map(String::as_str).collect();
    let start = words.iter().position(|w| !NOISE.contains(w))?;
    // The dish ends where the when begins: "…the chili tonight, everyone loved it".
    let words: Vec<&str> = match words[start..].iter().position(|w| {
        matches!(
            *w,
            "tonight"
                | "today"
                | "hoy"
                | "para"
                | "for"
                | "yesterday"
                | "ayer"
                | "anoche"
                | "last"
                | "esta"
                | "this"
        )
    }) {
        Some(cut) => words[..start + cut].to_vec(),
        None => words,
    };
    let end = words
        .iter()
        .rposition(|w| !NOISE.contains(w))
        .unwrap_or(start);
    let core: Vec<&str> = words[start..=end]
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "for" | "tonight" | "today" | "hoy"))
        .collect();
    if core.iter().all(|w| dates::meal_word(w).is_some()) {
        return None;
    }
    (!core.is_empty()).then(|| core.join(" "))
}

fn replace_query(c: &Clause) -> Option<String> {
    let w = c.w();
    // "for something with fish", "por algo con pollo", "to pasta", "with a salad", "poné milanesas", "quiero asado".
    let starts = [
        "put",
        "for",
        "to",
        "with",
        "por",
        "con",
        "pone",
        "poneme",
        "quiero",
        "preferiria",
        "mejor",
        "have",
        "into",
        "do",
        "hace",
        "haceme",
        "make",
        "cook",
        "cocina",
    ];
    let noise = [
        "put",
        "it",
        "something",
        "algo",
        "with",
        "con",
        "de",
        "a",
        "an",
        "some",
        "una",
        "un",
        "unas",
        "unos",
        "instead",
        "en",
        "vez",
        "lugar",
        "lo",
        "que",
        "hay",
        "pone",
        "poneme",
        "hace",
        "haceme",
        "do",
        "make",
        "cook",
        "cocina",
        "can",
        "we",
        "could",
        "please",
        "give",
        "me",
        "dame",
        "else",
        "otra",
        "otro",
        "opcion",
        "option",
        "another",
        "cosa",
        "thing",
        "planeado",
        "cambialo",
        "please",
        "por",
        "favor",
        "the",
        "el",
        "la",
        "to",
        "for",
        "pls",
        "porfa",
        "mejor",
        "have",
        "planned",
        "of",
    ];
    let day_or_meal = |x: &str| {
        dates::weekday_word(x).is_some()
            || dates::meal_word(x).is_some()
            || matches!(
                x,
                "tonight"
                    | "tomorrow"
                    | "manana"
                    | "hoy"
                    | "today"
                    | "noche"
                    | "s"
                    | "on"
                    | "sabado"
                    | "domingo"
                    | "breakfast"
                    | "instead"
                    | "for"
            )
    };
    // "por avena con frutillas": the "con" belongs to the dish after "por".
    let primary = w
        .iter()
        .rposition(|x| matches!(*x, "por" | "for" | "to" | "into"));
    // The last wish wins: "…lo pueden cambiar por unos ñoquis caseros".
    for (i, x) in w.iter().enumerate().rev() {
        if !starts.contains(x) || matches!(*x, "with" | "con") && primary.is_some_and(|p| p < i) {
            continue;
        }
        // "no quiero guiso": what is not wanted is no query.
        if i > 0 && matches!(w[i - 1], "no" | "dont" | "t") {
            continue;
        }
        let span: Vec<&str> = w[i + 1..]
            .iter()
            .copied()
            .take_while(|x| !matches!(*x, "instead" | "en" | "on" | "for" | "el" | "para"))
            .collect();
        // Noise goes, but a joining "con"/"with"/"de" between two words of
        // the dish stays ("avena con frutillas").
        let rest: Vec<&str> = span
            .iter()
            .enumerate()
            .filter(|&(j, x)| {
                !noise.contains(x)
                    || matches!(*x, "con" | "with" | "de")
                        && span[..j].iter().any(|y| !noise.contains(y))
                        && span.get(j + 1).is_some_and(|y| !noise.contains(y))
            })
            .map(|(_, x)| *x)
            .collect();
        if rest.is_empty() || rest.iter().all(|x| day_or_meal(x)) {
            continue;
        }
        let core: Vec<&str> = rest
            .into_iter()
            .filter(|x| {
                !day_or_meal(x)
                    || dates::meal_word(x).is_none()
                        && dates::weekday_word(x).is_none()
                        && !matches!(
                            *x,
                            "s" | "on"
                                | "for"
                                | "tonight"
                                | "instead"
                                | "tomorrow"
                                | "manana"
                                | "hoy"
                                | "today"
                                | "noche"
                        )
            })
            .collect();
        if core.is_empty() {
            continue;
        }
        if matches!(
            core.first().copied(),
            Some("else" | "otra" | "otro" | "option" | "opcion")
        ) {
            return None;
        }
        return Some(core.join(" "));
    }
    None
}

fn reminder_text(c: &Clause) -> String {
    let w: Vec<&str> = if c.raw.len() == c.words.len() {
        c.raw.iter().map(String::as_str).collect()
    } else {
        c.w()
    };
    // The action after "to"/"de"/"que" or the remind verb, without time words.
    let verb = w
        .iter()
        .position(|x| REMIND_VERBS.contains(x) || *x == "ping")
        .unwrap_or(0);
    let mut start = verb + 1;
    let mut out: Vec<&str> = Vec::new();
    let mended = c.w();
    let time_word = |x: &str| {
        matches!(
            x,
            "tomorrow"
                | "manana"
                | "tonight"
                | "today"
                | "hoy"
                | "at"
                | "a"
                | "las"
                | "la"
                | "on"
                | "el"
                | "pm"
                | "am"
                | "noon"
                | "de"
                | "esta"
                | "noche"
                | "tarde"
                | "y"
                | "media"
                | "que"
                | "viene"
                | "proximo"
                | "for"
                | "and"
                | "morning"
                | "evening"
                | "afternoon"
                | "night"
                | "in"
                | "en"
                | "hours"
                | "hour"
                | "minutes"
                | "mins"
                | "horas"
                | "hora"
                | "minutos"
        ) || dates::weekday_word(x).is_some()
            || x.chars().next().is_some_and(|c| c.is_ascii_digit())
            // "a las seis", "a la una", "nueve y media".
            || words::number_word(x).is_some_and(|n| (1..=12).contains(&n))
                && !matches!(x, "a" | "un")
    };
    if w.get(start) == Some(&"me") {
        start += 1;
    }
    // Spoken fillers: "recordame este a las seis…", "remind me um at 6…".
    while w
        .get(start)
        .is_some_and(|x| matches!(*x, "este" | "eh" | "um" | "uh" | "like" | "so"))
    {
        start += 1;
    }
    let mut i = start;
    // Skip a leading time phrase ("at 8am to soak…", "on saturday at noon
    // to…", "on the 1st of December at 9 to…").
    while i < w.len()
        && ((time_word(w[i]) || mended.get(i).is_some_and(|m| time_word(m)))
            || dates::month_word(w[i]).is_some()
            || matches!(w[i], "the" | "of")
                && w.get(i + 1).is_some_and(|n| {
                    time_word(n) || dates::month_word(n).is_some() || *n == "day"
                })
            // "the day after tomorrow".
            || w[i] == "day" && w.get(i + 1) == Some(&"after")
            || w[i] == "after" && w.get(i + 1).is_some_and(|n| time_word(n)))
        && !matches!(w[i], "de")
    {
        i += 1;
    }
    // "a las 9 de la mañana regar…": the rest of the time phrase.
    if matches!(w.get(i).copied(), Some("de"))
        && matches!(w.get(i + 1).copied(), Some("la"))
        && matches!(w.get(i + 2).copied(), Some("manana" | "tarde" | "noche"))
    {
        i += 3;
    }
    if matches!(w.get(i).copied(), Some("to" | "de" | "que")) {
        i += 1;
    }
    let mut j = i;
    while j < w.len() {
        let x = w[j];
        let next = w.get(j + 1).copied().unwrap_or("");
        let ends = matches!(x, "tomorrow" | "tonight" | "today" | "hoy")
            || mended
                .get(j)
                .is_some_and(|m| matches!(*m, "tomorrow" | "tonight" | "today"))
            || x == "manana" && !matches!(w.get(j.wrapping_sub(1)).copied(), Some("la" | "de"))
            || x == "at"
                && (next.chars().next().is_some_and(|c| c.is_ascii_digit()) || next == "noon")
            // "a las 6", "a la una", but "ir a la verdulería".
            || x == "a" && next == "las"
            || x == "a"
                && next == "la"
                && w.get(j + 2).is_some_and(|t| {
                    *t == "una" || t.chars().next().is_some_and(|c| c.is_ascii_digit())
                })
            || (x == "on" || x == "el") && dates::weekday_word(next).is_some()
            || x == "esta" && next == "noche";
        if ends {
            break;
        }
        out.push(x);
        j += 1;
    }
    if out.is_empty() {
        // "set a reminder for 7:30 pm: take the lasagna out of the oven"
        let tail: Vec<&str> = w
            .iter()
            .copied()
            .skip(verb + 1)
            .filter(|x| !time_word(x))
            .collect();
        return tail.join(" ");
    }
    // "…the chicken out for [tonight]": no dangling word.
    while out.len() > 1
        && out
            .last()
            .is_some_and(|x| matches!(*x, "for" | "para" | "by" | "de" | "el" | "la"))
    {
        out.pop();
    }
    out.join(" ")
}

fn preference_args(c: &Clause, args: &mut Map<String, Value>) {
    let w = c.w();
    if let Some(d) = diet_in(c)
        && (c.any_phrase(&[
            "soy", "somos", "i m", "im", "we re", "were", "es", "son", "i am", "we are",
        ]) || !c.any(&["allergic", "alergico", "intolerantes"]))
    {
        args.entry("diet").or_insert(json!(d.name()));
    }
    // Allergies.
    if allergy_said(c) {
        let mut found: Vec<&str> = Vec::new();
        for (i, x) in w.iter().enumerate() {
            let two = w.get(i + 1).map(|n| format!("{x} {n}"));
            let a = two
                .as_deref()
                .and_then(|t| match t {
                    "frutos secos" | "tree nuts" => Some(Allergen::Nuts),
                    _ => None,
                })
                .or_else(|| match *x {
                    "lactosa" | "lacteos" | "lactose" | "dairy" | "milk" | "leche" => {
                        Some(Allergen::Dairy)
                    }
                    "mani" | "peanuts" | "peanut" | "cacahuete" | "cacahuetes" => {
                        Some(Allergen::Peanuts)
                    }
                    "mariscos" | "shellfish" | "marisco" | "shrimp" => Some(Allergen::Shellfish),
                    "nuts" | "nueces" => Some(Allergen::Nuts),
                    "gluten" | "wheat" | "trigo" => Some(Allergen::Gluten),
                    "eggs" | "egg" | "huevo" | "huevos" => Some(Allergen::Egg),
                    "fish" | "pescado" => Some(Allergen::Fish),
                    "soja" => Some(Allergen::Soy),
                    "soy"
                        if i > 0
                            && matches!(
                                w[i - 1],
                                "to" | "a" | "al" | "and" | "y" | "la" | "of"
                            ) =>
                    {
                        Some(Allergen::Soy)
                    }
                    "sesame" | "sesamo" => Some(Allergen::Sesame),
                    "lupin" | "lupine" | "altramuz" | "altramuces" | "lupino" => {
                        Some(Allergen::Lupin)
                    }
                    "sulphites" | "sulfites" | "sulfitos" | "sulfito" => Some(Allergen::Sulphites),
                    "celery" | "apio" => Some(Allergen::Celery),
                    "mustard" | "mostaza" => Some(Allergen::Mustard),
                    _ => None,
                });
            if let Some(a) = a
                && !found.contains(&a.name())
            {
                found.push(a.name());
            }
        }
        if !found.is_empty() {
            args.insert("allergies".into(), json!(found));
        }
    }
    // Dislikes.
    let dislike_at = DISLIKE
        .iter()
        .filter_map(|p| {
            let t = format!(" {} ", c.text());
            t.find(&format!(" {p} ")).map(|i| (i + p.len() + 2, p))
        })
        .min_by_key(|(i, _)| *i);
    if let Some((pos, _)) = dislike_at {
        let t = format!(" {} ", c.text());
        let rest = t[pos.min(t.len())..].trim();
        let noise = [
            "el", "la", "los", "las", "the", "any", "keep", "it", "out", "of", "my", "meals",
            "and", "y", "e", "ni",
        ];
        let mut dislikes = Vec::new();
        for part in rest
            .split([' '])
            .collect::<Vec<_>>()
            .split(|x| matches!(*x, "and" | "y" | "e" | "ni"))
        {
            let core: Vec<&str> = part
                .iter()
                .copied()
                .take_while(|x| !matches!(*x, "keep"))
                .filter(|x| !noise.contains(x))
                .collect();
            if !core.is_empty() {
                dislikes.push(core.join(" "));
            }
        }
        if !dislikes.is_empty() {
            args.insert("dislikes".into(), json!(dislikes));
        }
    }
    // "1800 calories", "100 g de proteína", "calories to 1800", "protein 120 g".
    let num_before = |keys: &[&str]| -> Option<u32> {
        let number = |x: &str| -> Option<u32> {
            x.parse::<u32>()
                .ok()
                .or_else(|| x.strip_suffix('g').and_then(|n| n.parse().ok()))
        };
        for (i, x) in w.iter().enumerate() {
            if !keys.contains(x) {
                continue;
            }
            let before = w[..i]
                .iter()
                .rev()
                .take(3)
                .find(|y| !matches!(**y, "g" | "gr" | "grams" | "gramos" | "de" | "of"));
            if let Some(n) = before.and_then(|y| number(y)) {
                return Some(n);
            }
            let after = w[i + 1..].iter().take(3).find(|y| {
                !matches!(
                    **y,
                    "to" | "at" | "a" | "of" | "de" | "en" | "is" | "be" | "should" | "about"
                )
            });
            if let Some(n) = after.and_then(|y| number(y)) {
                return Some(n);
            }
        }
        None
    };
    if let Some(n) = num_before(&["calories", "calorias", "kcal", "cal", "cals", "kcals"]) {
        args.insert("calories_per_day".into(), json!(n));
    }
    if let Some(n) = num_before(&["protein", "proteina", "proteinas"]).or_else(|| {
        c.any(&["protein", "proteina"])
            .then(|| {
                w.iter().find_map(|x| {
                    x.strip_suffix('g')
                        .and_then(|n| n.parse::<u32>().ok())
                        .or(None)
                })
            })
            .flatten()
    }) {
        args.insert("protein_g_per_day".into(), json!(n));
    }
    let weekly_money = c.any(&["budget", "presupuesto"])
        || c.any_phrase(&[
            "a week",
            "per week",
            "por semana",
            "a la semana",
            "semanal",
            "semanales",
            "each week",
            "every week",
            "weekly",
        ]) && (c.any(&[
            "pesos", "dollars", "euros", "usd", "eur", "keep", "spend", "gastar",
        ]) || c.raw.iter().any(|w| w.contains('$')));
    if weekly_money {
        // The amount next to the money words, not "somos 6".
        let money = [
            "budget",
            "presupuesto",
            "mil",
            "thousand",
            "pesos",
            "dollars",
            "euros",
            "week",
            "semana",
            "under",
            "de",
            "es",
        ];
        // "300 mil pesos", "300k": thousands.
        let amount = |i: usize, x: &str| -> Option<f64> {
            let (n, k) = match x.strip_suffix('k') {
                Some(n) => (n.parse::<f64>().ok()?, 1000.0),
                None => (x.parse::<f64>().ok()?, 1.0),
            };
            let mil = matches!(w.get(i + 1), Some(&"mil" | &"thousand" | &"grand"));
            Some(n * k * if mil { 1000.0 } else { 1.0 })
        };
        let near = w
            .iter()
            .enumerate()
            .filter_map(|(i, x)| amount(i, x).map(|n| (i, n)))
            .max_by_key(|(i, _)| {
                let next = w.get(i + 1).is_some_and(|n| money.contains(n));
                let prev = i
                    .checked_sub(1)
                    .and_then(|j| w.get(j))
                    .is_some_and(|p| money.contains(p));
                (next || prev, *i)
            });
        if let Some((_, n)) = near {
            args.insert("budget_per_week".into(), json!(n));
        }
    }
    if (c.any_phrase(&[
        "per recipe",
        "por receta",
        "recetas de mas de",
        "recipes over",
        "no quiero recetas",
    ]) || c.any(&["max", "maximo"]) && c.any(&["minutes", "minutos", "min"]))
        && let Some(m) = max_minutes(c)
    {
        args.insert("max_minutes".into(), json!(m));
    }
    if c.any_phrase(&[
        "family of",
        "somos",
        "we re a family",
        "en casa somos",
        "we are",
        "we re",
    ]) {
        // The number right after "of", "somos", "we are", "we're".
        if let Some(n) = w.iter().enumerate().find_map(|(i, x)| {
            matches!(*x, "of" | "somos" | "are" | "re")
                .then(|| w.get(i + 1).and_then(|x| words::number(x)))
                .flatten()
        }) {
            args.insert("household_size".into(), json!(n));
        }
    }
    if let Some(i) = w.windows(2).position(|p| p[0] == "of" && p[1] == "us")
        && let Some(n) = i.checked_sub(1).and_then(|j| words::number(w[j]))
    {
        args.insert("household_size".into(), json!(n));
    }
    if (c.any_phrase(STANDING) || c.any_phrase(NOTHING_OVER))
        && let Some(m) = max_minutes(c)
    {
        args.insert("max_minutes".into(), json!(m));
    }
    if c.any_phrase(&["en espanol", "spanish", "castellano", "al espanol"]) {
        args.insert("language".into(), json!("es"));
    } else if c.any_phrase(&["english", "en ingles", "al ingles", "ingles"]) {
        args.insert("language".into(), json!("en"));
    }
    if c.any(&["timezone"]) || c.any_phrase(&["zona horaria", "time zone"]) || moving(c) {
        // Zones keep their case: find the original-looking token.
        if let Some(z) = w.iter().find(|x| x.contains('/')) {
            let name = chrono_tz::TZ_VARIANTS
                .iter()
                .find(|tz| tz.name().eq_ignore_ascii_case(z))
                .map_or_else(|| z.to_string(), |tz| tz.name().to_string());
            args.insert("timezone".into(), json!(name));
        } else if let Some(zone) = city_zone(&w) {
            args.insert("timezone".into(), json!(zone));
        }
    }
}

/// "nos mudamos a Santiago", "we moved to Lisbon", "vivimos en Madrid".
fn moving(c: &Clause) -> bool {
    c.any(&[
        "mudamos",
        "mude",
        "moved",
        "move",
        "vivimos",
        "vivo",
        "relocated",
        "moving",
    ]) || c.any_phrase(&[
        "we live in",
        "i live in",
        "now in",
        "ahora en",
        "we re in",
        "i m in",
        "estamos en",
        "estoy en",
    ])
}

/// The zone a city names ("santiago" → America/Santiago, "buenos aires" →
/// America/Argentina/Buenos_Aires): the last part of a zone's name, one to
/// three words long. Only read where moving or a zone is talked about.
fn city_zone(w: &[&str]) -> Option<&'static str> {
    for len in (1..=3).rev() {
        for win in w.windows(len) {
            if win.iter().any(|x| x.len() < 3) && len == 1 {
                continue;
            }
            let joined = win.join("_");
            if let Some(tz) = chrono_tz::TZ_VARIANTS.iter().find(|tz| {
                let name = tz.name();
                // Canonical zones only ("America/…", "Europe/…"), not legacy aliases.
                name.contains('/')
                    && !name.starts_with("Etc/")
                    && !name.starts_with("US/")
                    && name
                        .rsplit('/')
                        .next()
                        .is_some_and(|last| last.eq_ignore_ascii_case(&joined))
            }) {
                return Some(tz.name());
            }
        }
    }
    None
}

fn two_slots(
    c: &Clause,
    when: &When,
    now: Now,
) -> Option<((NaiveDate, MealType), (NaiveDate, MealType))> {
    let mut dates = when.dates.clone();
    if c.has("tonight") && !dates.contains(&now.today) {
        dates.insert(0, now.today);
    }
    let meals = &when.meals;
    match (dates.len(), meals.len()) {
        (d, _) if d >= 2 => {
            let m1 = meals.first().copied().unwrap_or(MealType::Dinner);
            let m2 = meals.get(1).copied().unwrap_or(m1);
            Some(((dates[0], m1), (dates[1], m2)))
        }
        (1, m) if m >= 2 => Some(((dates[0], meals[0]), (dates[0], meals[1]))),
        (1, _) => {
            // "switch tonight's dinner with tomorrow's" → today/tomorrow.
            let m = meals.first().copied().unwrap_or(MealType::Dinner);
            let other = if c.any(&["tomorrow", "manana"]) && dates[0] != now.today + Days::new(1) {
                now.today + Days::new(1)
            } else {
                return None;
            };
            Some(((dates[0], m), (other, m)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Now {
        Now {
            today: "2026-11-25".parse().unwrap(),
            time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        }
    }

    #[test]
    fn the_examples_of_the_product() {
        let calls = understand("plan dinners for next week, nothing over 30 minutes", now());
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].tool, "plan_week");
        assert_eq!(
            calls[0].args,
            json!({"start": "2026-11-30", "days": 7, "meals": ["dinner"], "max_minutes": 30})
        );
        let calls = understand("se acabaron los huevos", now());
        assert_eq!(calls[0].tool, "remove_from_pantry");
        assert_eq!(calls[0].args["items"][0]["name"], "egg");
        let calls = understand("we need 2 lemons and some garlic", now());
        assert_eq!(calls[0].tool, "add_to_shopping_list");
        assert_eq!(calls[0].args["items"].as_array().map(Vec::len), Some(2));
        assert_eq!(calls[0].args["items"][0]["quantity"], json!(2.0));
        assert!(understand("tell me a joke", now()).is_empty());
    }
}
