//! `cargo run -p recourse-axum-example -- 8080`, then `POST /refunds/decision`.

use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = std::env::args().nth(1).unwrap_or_else(|| "8080".into());
    let engine = Arc::new(recourse_payments::Engine::default_store()?);
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("http://{}/refunds/decision", listener.local_addr()?);
    axum::serve(listener, recourse_axum_example::app(engine)).await?;
    Ok(())
}
