<?php

declare(strict_types=1);

if (is_file(__DIR__ . '/../vendor/autoload.php')) {
    require __DIR__ . '/../vendor/autoload.php';
} else {
    require __DIR__ . '/../autoload.php';
    spl_autoload_register(static function (string $class): void {
        $prefix = 'Recourse\\Tests\\';
        if (str_starts_with($class, $prefix)) {
            require __DIR__ . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        }
    });
}
