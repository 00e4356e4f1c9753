//! The seed catalog is complete, parseable and balanced as the product promises.

use kecarajocomer::domain::flags::Diet;
use kecarajocomer::domain::food::FoodTable;
use kecarajocomer::domain::recipe::{MealType, Recipe};
use kecarajocomer::services::recipes::seed_specs;
use std::collections::HashSet;

fn catalog() -> Vec<Recipe> {
    let table = FoodTable::builtin();
    seed_specs()
        .expect("data/recipes.toml parses")
        .into_iter()
        .map(|s| {
            let id = s.id.clone();
            Recipe::from_spec(s, table).unwrap_or_else(|e| panic!("{id}: {e}"))
        })
        .collect()
}

#[test]
fn every_ingredient_line_names_a_known_food_with_a_weight() {
    let table = FoodTable::builtin();
    let mut problems = Vec::new();
    for r in catalog() {
        for ing in &r.ingredients {
            if ing.food.is_none() {
                problems.push(format!(
                    "{}: unknown food in {:?} (read as {:?})",
                    r.id(),
                    ing.original,
                    ing.name
                ));
            } else if ing.quantity.is_some() && ing.grams(table).is_none() {
                problems.push(format!("{}: no weight for {:?}", r.id(), ing.original));
            } else if ing.quantity.is_none() && !ing.to_taste {
                problems.push(format!("{}: no amount in {:?}", r.id(), ing.original));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_catalog_is_balanced() {
    let recipes = catalog();
    assert!(recipes.len() >= 200, "{} recipes", recipes.len());
    let ids: HashSet<&str> = recipes.iter().map(|r| r.id()).collect();
    assert_eq!(ids.len(), recipes.len(), "ids are unique");
    let count = |f: &dyn Fn(&Recipe) -> bool| recipes.iter().filter(|r| f(r)).count();
    for meal in MealType::ALL {
        assert!(count(&|r| r.spec.meals.contains(&meal)) >= 30, "{meal}");
    }
    assert!(count(&|r| r.suits(Diet::Vegetarian)) >= 50, "vegetarian");
    assert!(count(&|r| r.suits(Diet::Vegan)) >= 25, "vegan");
    assert!(count(&|r| r.suits(Diet::GlutenFree)) >= 40, "gluten free");
    assert!(count(&|r| r.spec.minutes <= 15) >= 30, "quick");
    let cuisines: HashSet<_> = recipes
        .iter()
        .filter_map(|r| r.spec.cuisine.clone())
        .collect();
    assert!(cuisines.len() >= 12, "{cuisines:?}");
    assert!(
        recipes.iter().all(|r| r.spec.title_es.is_some()),
        "every recipe has a Spanish title"
    );
}

#[test]
fn calories_per_serving_are_plausible() {
    let mut problems = Vec::new();
    for r in catalog() {
        let kcal = r.per_serving.kcal;
        let (lo, hi) = if r.spec.meals == [MealType::Snack] {
            (40.0, 600.0)
        } else {
            (100.0, 1300.0)
        };
        if !(lo..=hi).contains(&kcal) {
            problems.push(format!("{}: {kcal:.0} kcal per serving", r.id()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
