//! How things read as text, in English or Spanish: recipe cards, shopping
//! lists, food names with the right number. Shared by the command line and
//! the chat replies.

use crate::domain::food::{Aisle, FoodTable};
use crate::domain::quantity::Quantity;
use crate::domain::recipe::{Recipe, ingredient_text};
use crate::domain::shopping::ShoppingItem;
use crate::domain::units::Unit;

/// A food's name as a household reads it: Spanish when it speaks Spanish,
/// plural for several pieces ("3 huevos", "2 lemons").
pub fn food_name(name: &str, es: bool, quantity: Option<Quantity>) -> String {
    let count = match quantity {
        Some(q) if q.unit == Unit::Piece => q.upper(),
        _ => 1.0,
    };
    let table = FoodTable::builtin();
    match table.lookup(name) {
        Some(food) => food.name_for(es, count),
        None if count > 1.0 => plural_of_written(name, table),
        None => name.to_string(),
    }
}

/// "rotisserie chicken" → "rotisserie chickens", "pollo asado" → "pollos
/// asados", "brown egg" → "brown eggs": the words whose plural the food's
/// own names spell, and then (Spanish agreement) the product words ending
/// in -o/-a.
fn plural_of_written(name: &str, table: &FoodTable) -> String {
    use crate::domain::ingredient::PRODUCT_WORDS;
    use crate::domain::text::fold_name;
    let Some(food) = table.food_in(name) else {
        return name.to_string();
    };
    let own: Vec<String> = std::iter::once(&food.name)
        .chain(&food.aliases_en)
        .chain(&food.aliases_es)
        .flat_map(|a| {
            fold_name(a)
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut any = false;
    let nouns: Vec<String> = name
        .split(' ')
        .map(|w| {
            match [format!("{w}s"), format!("{w}es")]
                .into_iter()
                .find(|p| own.contains(p))
            {
                Some(p) => {
                    any = true;
                    p
                }
                None => w.to_string(),
            }
        })
        .collect();
    if !any {
        return name.to_string();
    }
    nouns
        .into_iter()
        .map(|w| {
            if PRODUCT_WORDS.contains(&w.as_str()) && w.ends_with(['o', 'a']) {
                format!("{w}s")
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A recipe as text: title, facts, ingredients, steps.
pub fn recipe_card(r: &Recipe, es: bool) -> String {
    let mut s = format!("{}  ({})\n", r.title(es), r.id());
    let meals: Vec<&str> = r.spec.meals.iter().map(|m| m.name()).collect();
    s.push_str(&format!(
        "{} servings · {} min · {}{}\n",
        r.spec.servings,
        r.spec.minutes,
        meals.join(", "),
        r.spec
            .cuisine
            .as_deref()
            .map(|c| format!(" · {c}"))
            .unwrap_or_default()
    ));
    let n = r.per_serving.rounded();
    s.push_str(&format!(
        "per serving: {} kcal, {} g protein, {} g fat, {} g carbs, {} g fiber\n",
        n.kcal, n.protein_g, n.fat_g, n.carbs_g, n.fiber_g
    ));
    let diets: Vec<&str> = r.diets().iter().map(|d| d.name()).collect();
    if !diets.is_empty() {
        s.push_str(&format!("suits: {}\n", diets.join(", ")));
    }
    let allergens: Vec<&str> = r.allergens().iter().map(|a| a.name()).collect();
    if !allergens.is_empty() {
        s.push_str(&format!("contains: {}\n", allergens.join(", ")));
    }
    s.push_str("\ningredients:\n");
    for ing in &r.ingredients {
        s.push_str(&format!("  - {}\n", ingredient_text(ing)));
    }
    if !r.spec.steps.is_empty() {
        s.push_str("\nsteps:\n");
        for (i, step) in r.spec.steps.iter().enumerate() {
            s.push_str(&format!("  {}. {step}\n", i + 1));
        }
    }
    if let Some(src) = &r.spec.source {
        s.push_str(&format!("\nsource: {src}\n"));
    }
    if let Some(a) = &r.spec.attribution {
        s.push_str(&format!("credit: {a}\n"));
    }
    s
}

/// One list line: "2 lemons", "1.2 kg flour", "salt".
pub fn shopping_line(item: &ShoppingItem, es: bool) -> String {
    match item.quantity {
        Some(q) => format!("{} {}", q.display(es), food_name(&item.name, es, Some(q))),
        None => food_name(&item.name, es, None),
    }
}

/// The list as text, grouped under aisle headings; checked items last.
pub fn shopping_text(items: &[ShoppingItem], es: bool) -> String {
    let mut s = String::new();
    let mut current: Option<(bool, Aisle)> = None;
    for item in items {
        let group = (item.checked, item.aisle);
        if current != Some(group) {
            let heading = if item.checked {
                if es { "Ya comprado" } else { "Checked off" }.to_string()
            } else {
                item.aisle.title(es).to_string()
            };
            if current.is_some_and(|(checked, _)| checked && item.checked) {
                // one heading for all checked items
            } else {
                s.push_str(&format!("{heading}\n"));
            }
            current = Some(group);
        }
        let mark = if item.checked { "[x]" } else { "[ ]" };
        s.push_str(&format!("  {mark} {}\n", shopping_line(item, es)));
    }
    s
}
