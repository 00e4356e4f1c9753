//! Offline understanding speed (target: under 50 µs a message).

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use kecarajocomer::engine::offline::{Now, understand};

const MESSAGES: &[&str] = &[
    "plan dinners for next week, nothing over 30 minutes",
    "se acabaron los huevos",
    "what can I cook with the spinach?",
    "we need 2 lemons and some garlic",
    "che, ¿qué comemos hoy?",
    "swap tuesday's dinner for something with fish",
    "agregá 1 kg de harina y 6 huevos a la despensa",
    "remind me to defrost the chicken tomorrow at 6pm",
    "ya compré los tomates y la cebolla, qué hay para cenar?",
    "we're allergic to peanuts and shellfish",
    "shopping list",
    "tell me a joke",
];

fn bench(c: &mut Criterion) {
    let now = Now {
        today: "2026-11-25".parse().expect("date"),
        time: chrono::NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
    };
    // Build the lazily-initialised tables outside the measurement.
    let _ = understand("warm up", now);
    let mut group = c.benchmark_group("understand");
    group.throughput(Throughput::Elements(MESSAGES.len() as u64));
    group.bench_function("12 messages en/es", |b| {
        b.iter(|| {
            for m in MESSAGES {
                black_box(understand(black_box(m), now));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
