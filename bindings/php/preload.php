<?php

// The opcache preload script, for ffi.enable=preload (the default, and what PHP-FPM uses):
//
//   opcache.preload=/path/to/recourse/preload.php
//
// When the master runs as root, PHP requires opcache.preload_user and then refuses FFI::load;
// declare the library with ffi.preload instead, and keep this script for the classes:
//
//   php bin/recourse-ffi-header /usr/local/lib/librecourse.so.0 > /etc/php/recourse-ffi.h
//   ffi.preload=/etc/php/recourse-ffi.h
//   opcache.preload_user=www-data
//
// It loads this package's classes and declares the RECOURSE FFI scope from
// resources/recourse.h and the library Recourse\Library::path() finds. Preloading runs in
// the FPM master process, so RECOURSE_LIBRARY must be in the master's environment (a pool's
// env[] setting reaches only the workers).

declare(strict_types=1);

require_once __DIR__ . '/src/Exception/RecourseException.php';
foreach (['Input', 'Config', 'Operation', 'Library'] as $area) {
    require_once __DIR__ . "/src/Exception/{$area}Exception.php";
}
require_once __DIR__ . '/src/Library.php';
require_once __DIR__ . '/src/Engine.php';

// Declared already when ffi.preload names the header bin/recourse-ffi-header writes (needed
// when opcache.preload_user is set: PHP refuses FFI::load then).
if (!\Recourse\Library::isPreloaded()) {
    \Recourse\Library::preload();
}
