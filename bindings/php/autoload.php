<?php

// A PSR-4 autoloader for using this package without Composer (Composer users get
// vendor/autoload.php instead): require this file, then use Recourse\Engine.

declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    if (!str_starts_with($class, 'Recourse\\')) {
        return;
    }
    $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen('Recourse\\'))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
