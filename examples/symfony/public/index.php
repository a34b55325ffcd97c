<?php

// The front controller:
//   php -S 127.0.0.1:8080 examples/symfony/public/index.php
//   curl -s -X POST --data @case.json http://127.0.0.1:8080/refunds/decision

declare(strict_types=1);

use Recourse\Engine;
use Symfony\Component\HttpFoundation\Request;

$app = (require __DIR__ . '/../app.php')(Engine::default());
$app(Request::createFromGlobals())->send();
