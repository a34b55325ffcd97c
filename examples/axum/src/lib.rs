//! A refund decision endpoint for a Rust shop backend: `POST /refunds/decision` with a
//! `refund.evaluate` request as JSON answers the decision (amounts, timing, reasons in the
//! customer's language, receipt) as the canonical JSON every host gives; a request Recourse
//! refuses answers 422 with `{"error": {code, message, path}}`. One engine, built at start
//! and shared by every request (`Engine` is `Send + Sync`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use recourse_payments::Engine;

/// The routes, over `engine`.
pub fn app(engine: Arc<Engine>) -> Router {
    Router::new()
        .route("/refunds/decision", post(decide))
        .with_state(engine)
}

async fn decide(State(engine): State<Arc<Engine>>, body: Bytes) -> Response {
    let (status, json) = match engine.call_json("refund.evaluate", &body) {
        Ok(answer) => (StatusCode::OK, answer),
        Err(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{{\"error\":{}}}", recourse_payments::host::error_json(&e)),
        ),
    };
    (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}
