//! The axum endpoint answers the README's refund case over real HTTP, and a refused request
//! with 422 and the stable code and path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::{Read, Write};
use std::sync::Arc;

/// The README's JSON request of `refund.evaluate`.
fn readme_request() -> String {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("```json\n{\n  \"now\"")
        .expect("the README's JSON request")
        + 8;
    let end = start + readme[start..].find("```").expect("its end");
    readme[start..end].to_owned()
}

/// POSTs `body` to the server at `port` and returns the status line and the body.
fn post(port: u16, body: &str) -> (String, String) {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST /refunds/decision HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}

#[test]
fn the_readme_case_is_decided_over_http_and_a_refusal_is_422() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let engine = Arc::new(recourse_payments::Engine::default_store().unwrap());
    runtime.spawn(async move { axum::serve(listener, recourse_axum_example::app(engine)).await });

    let request = readme_request();
    let (status, body) = post(port, &request);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains(r#""outcome":"approve""#), "{body}");
    assert!(
        body.contains(r#""total":{"amount":"291.25","currency":"BRL"}"#),
        "{body}"
    );

    let bad = request.replacen("\"quantity\": 1,", "\"quantity\": 0,", 1);
    let (status, body) = post(port, &bad);
    assert_eq!(status, "HTTP/1.1 422 Unprocessable Entity");
    assert!(
        body.contains(r#""code":"refund.invalid_quantity""#),
        "{body}"
    );
    assert!(
        body.contains(r#""path":"order.lines[0].quantity""#),
        "{body}"
    );
}
