<?php

// A refund endpoint over Recourse, for PHP's built-in server or any front controller.
//
//   php -S 127.0.0.1:8080 examples/php/index.php
//   curl -s -X POST --data @case.json http://127.0.0.1:8080/refund
//
// POST /refund    body: a refund.evaluate request (order, payments, ledger, request, now)
//                 200 with the decision and its receipt, or 422 with {"error": {...}}
// POST /allocate  body: a money.allocate request
// GET  /health    the library's version and operations
//
// Under PHP-FPM (ffi.enable=preload) add opcache.preload=.../bindings/php/preload.php; with
// Composer, require vendor/autoload.php instead of the package's autoload.php.

declare(strict_types=1);

use Recourse\Engine;
use Recourse\Exception\RecourseException;

if (!class_exists(Engine::class)) {
    require __DIR__ . '/../../bindings/php/autoload.php';
}

function respond(int $status, array $body): void
{
    http_response_code($status);
    header('Content-Type: application/json; charset=utf-8');
    echo json_encode($body, Engine::JSON_FLAGS), "\n";
}

$routes = ['/refund' => 'refund.evaluate', '/allocate' => 'money.allocate'];
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';

try {
    // One engine per request here; a long-lived worker would keep one and reuse it.
    $engine = Engine::default();
    if ($method === 'GET' && $path === '/health') {
        respond(200, ['version' => Engine::version(), 'operations' => array_column(Engine::operations(), 'name')]);
    } elseif ($method === 'POST' && isset($routes[$path])) {
        // The body goes to the library as is: it checks size, UTF-8 and shape itself.
        respond(200, $engine->call($routes[$path], (string) file_get_contents('php://input')));
    } else {
        respond(404, ['error' => ['code' => 'http.not_found', 'path' => '.', 'message' => 'POST /refund, POST /allocate or GET /health']]);
    }
} catch (RecourseException $e) {
    // The stable code and the path are for programs; the message never echoes the input.
    $status = str_starts_with($e->errorCode, 'library.') || str_starts_with($e->errorCode, 'ffi.') ? 500 : 422;
    respond($status, ['error' => ['code' => $e->errorCode, 'path' => $e->path, 'message' => $e->getMessage()]]);
}
