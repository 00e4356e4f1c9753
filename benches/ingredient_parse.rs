//! Ingredient-line parsing speed (target: under 2 µs a line).

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use kecarajocomer::domain::food::FoodTable;
use kecarajocomer::domain::ingredient::parse_line;

const LINES: &[&str] = &[
    "2 1/2 cups chopped onions",
    "medio kilo de carne picada",
    "1 (14 oz) can coconut milk",
    "salt to taste",
    "3 dientes de ajo picados",
    "1 tbsp olive oil",
    "200 g spaghetti",
    "2 large eggs, beaten",
    "1/2 tsp ground cumin",
    "un cuarto de taza de leche",
    "2-3 ripe tomatoes, diced",
    "1 lb boneless skinless chicken breasts, cut into strips",
    "1 cda de aceite de oliva",
    "400 g canned chickpeas, drained and rinsed",
    "1 bunch cilantro, chopped",
    "sal y pimienta a gusto",
    "1½ cups all-purpose flour",
    "250 ml vegetable stock",
    "2 cebollas de verdeo",
    "100 g parmesan, grated (optional)",
];

fn bench(c: &mut Criterion) {
    let table = FoodTable::builtin();
    let mut group = c.benchmark_group("ingredient_parse");
    group.throughput(Throughput::Elements(LINES.len() as u64));
    group.bench_function("20 lines en/es", |b| {
        b.iter(|| {
            for line in LINES {
                let _ = black_box(parse_line(black_box(line), table));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
