//! Shopping-list derivation for a week of 21 meals against a 300-item
//! pantry (target: under 1 ms).

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use kecarajocomer::domain::food::FoodTable;
use kecarajocomer::domain::pantry::{Location, PantryItem};
use kecarajocomer::domain::recipe::Recipe;
use kecarajocomer::domain::shopping::{derive, needs_for};
use kecarajocomer::domain::units::Unit;
use kecarajocomer::services::recipes::seed_specs;

fn bench(c: &mut Criterion) {
    let table = FoodTable::builtin();
    let recipes: Vec<Recipe> = seed_specs()
        .expect("seed catalog")
        .into_iter()
        .filter_map(|s| Recipe::from_spec(s, table).ok())
        .collect();
    // 21 different recipes, spread over the catalog.
    let step = recipes.len() / 21;
    let week: Vec<(&Recipe, f64)> = (0..21).map(|i| (&recipes[i * step], 4.0)).collect();
    // 300 pantry lots over many foods, in mixed units.
    let foods: Vec<_> = table.iter().collect();
    let pantry: Vec<PantryItem> = (0..300)
        .map(|i| {
            let food = foods[(i * 7) % foods.len()];
            let unit = match i % 3 {
                0 => Unit::Gram,
                1 if food.g_per_ml.is_some() => Unit::Cup,
                _ if food.piece_g.is_some() => Unit::Piece,
                _ => Unit::Kilogram,
            };
            PantryItem {
                id: i as i64 + 1,
                name: food.name.clone(),
                amount: 1.0 + (i % 5) as f64,
                unit,
                expires: None,
                location: Location::Pantry,
            }
        })
        .collect();
    c.bench_function("shopping_list 21 meals x 300-item pantry", |b| {
        b.iter(|| {
            let needs = needs_for(black_box(&week), table);
            black_box(derive(&needs, black_box(&pantry), table))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
