//! Planner speed: a 21-slot week over a 5,000-recipe catalog (target: under
//! 50 ms) and a search over 10,000 recipes (target: under 2 ms).
//!
//! The large catalogs are the seed catalog repeated with varied servings,
//! times and titles, so per-serving nutrition and eligibility vary as in a
//! real catalog.

use chrono::NaiveDate;
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use kecarajocomer::domain::flags::Diet;
use kecarajocomer::domain::food::FoodTable;
use kecarajocomer::domain::household::Language;
use kecarajocomer::domain::pantry::{Location, PantryItem};
use kecarajocomer::domain::recipe::{MealType, Recipe};
use kecarajocomer::domain::units::Unit;
use kecarajocomer::planner::search::{Filters, from_pantry, search};
use kecarajocomer::planner::validate::Targets;
use kecarajocomer::planner::{Catalog, Constraints, PlanRequest, generate};
use kecarajocomer::services::recipes::seed_specs;

fn catalog_of(n: usize) -> Catalog {
    let table = FoodTable::builtin();
    let seed = seed_specs().expect("seed catalog");
    let words = [
        "rustic",
        "quick",
        "family",
        "spicy",
        "classic",
        "weeknight",
        "garden",
        "smoky",
    ];
    let recipes: Vec<Recipe> = (0..n)
        .map(|i| {
            let mut spec = seed[i % seed.len()].clone();
            if i >= seed.len() {
                spec.id = format!("{}-{i}", spec.id);
                spec.title = format!("{} {}", words[i % words.len()], spec.title);
                spec.servings = 1 + (i % 6) as u32;
                spec.minutes = 5 + (i as u32 * 7) % 90;
            }
            Recipe::from_spec(spec, table).expect("recipe")
        })
        .collect();
    Catalog::new(recipes, table)
}

fn bench(c: &mut Criterion) {
    let table = FoodTable::builtin();
    let five = catalog_of(5_000);
    let today: NaiveDate = "2026-11-29".parse().unwrap();
    let pantry: Vec<PantryItem> = [
        "spinach",
        "egg",
        "rice",
        "chicken breast",
        "tomato",
        "onion",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| PantryItem {
        id: i as i64 + 1,
        name: name.to_string(),
        amount: 500.0,
        unit: Unit::Gram,
        expires: Some(today + chrono::Days::new(i as u64)),
        location: Location::Fridge,
    })
    .collect();
    let req = PlanRequest {
        start: "2026-11-30".parse().unwrap(),
        days: 7,
        meals: vec![MealType::Breakfast, MealType::Lunch, MealType::Dinner],
        people: 4,
        constraints: Constraints {
            diets: vec![Diet::Vegetarian],
            max_minutes: Some(60),
            ..Constraints::default()
        },
        targets: Targets {
            kcal_per_day: Some(2100.0),
            protein_per_day: Some(70.0),
            budget_per_week: Some(150.0),
            ..Targets::default()
        },
        seed: 7,
        today,
        language: Language::En,
    };
    c.bench_function("plan 21 slots over 5,000 recipes", |b| {
        b.iter(|| black_box(generate(black_box(&req), &five, &pantry, table)))
    });

    let ten = catalog_of(10_000);
    let filters = Filters {
        diets: vec![Diet::Vegetarian],
        max_minutes: Some(45),
        ..Filters::default()
    };
    c.bench_function("search text over 10,000 recipes", |b| {
        b.iter(|| {
            black_box(search(
                &ten,
                black_box("lentil soup"),
                &[],
                &filters,
                table,
                20,
            ))
        })
    });
    let ingredients = vec!["chicken breast".to_string(), "rice".to_string()];
    c.bench_function("search ingredients over 10,000 recipes", |b| {
        b.iter(|| {
            black_box(search(
                &ten,
                "",
                black_box(&ingredients),
                &Filters::default(),
                table,
                20,
            ))
        })
    });
    c.bench_function("search pantry over 10,000 recipes", |b| {
        b.iter(|| {
            black_box(from_pantry(
                &ten,
                black_box(&pantry),
                today,
                &Filters::default(),
                table,
                20,
            ))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
