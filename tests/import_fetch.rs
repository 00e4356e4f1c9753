//! Importing from the web against a local server: a real page, a slow one,
//! a huge one, a missing one; and importing files through the command line.

use axum::Router;
use axum::routing::get;
use kecarajocomer::services::import::{fetch_page_within, read_recipe};
use std::time::Duration;

mod common;

fn page() -> String {
    std::fs::read_to_string(
        common::recipe_pages_dir().join("allrecipes.com__allrecipescurated.html"),
    )
    .expect("the page")
}

async fn serve() -> String {
    let page = page();
    let app = Router::new()
        .route(
            "/recipe",
            get(move || async move { axum::response::Html(page) }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3)).await;
                "late"
            }),
        )
        .route("/huge", get(|| async { "x".repeat(300_000) }))
        .route(
            "/plain",
            get(|| async { "<html><body><p>No recipe here, just a story.</p></body></html>" }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    base
}

#[tokio::test]
async fn fetches_and_reads_a_page() {
    let base = serve().await;
    let html = fetch_page_within(&format!("{base}/recipe"), Duration::from_secs(5), 5_000_000)
        .await
        .unwrap();
    let found = read_recipe(&html, Some(&format!("{base}/recipe"))).unwrap();
    assert_eq!(found.title, "Four Cheese Margherita Pizza");
    assert_eq!(found.ingredients.len(), 10);
}

#[tokio::test]
async fn limits_time_and_size_and_explains_failures() {
    let base = serve().await;
    let slow = fetch_page_within(
        &format!("{base}/slow"),
        Duration::from_millis(300),
        5_000_000,
    )
    .await
    .unwrap_err();
    assert!(slow.to_string().contains("took longer"), "{slow}");
    let huge = fetch_page_within(&format!("{base}/huge"), Duration::from_secs(5), 100_000)
        .await
        .unwrap_err();
    assert!(huge.to_string().contains("larger than"), "{huge}");
    let missing = fetch_page_within(&format!("{base}/nope"), Duration::from_secs(5), 100_000)
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("404"), "{missing}");
    let bad = fetch_page_within("ftp://example.com/x", Duration::from_secs(1), 1)
        .await
        .unwrap_err();
    assert!(bad.to_string().contains("http"), "{bad}");
    let html = fetch_page_within(&format!("{base}/plain"), Duration::from_secs(5), 100_000)
        .await
        .unwrap();
    let none = read_recipe(&html, None).unwrap_err();
    assert!(none.to_string().contains("paste the recipe text"), "{none}");
}
