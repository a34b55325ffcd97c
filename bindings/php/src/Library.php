<?php

declare(strict_types=1);

namespace Recourse;

use Recourse\Exception\LibraryException;

/**
 * Finds and loads librecourse through PHP's FFI.
 *
 * Where the library is: the `RECOURSE_LIBRARY` environment variable (a path to
 * `librecourse.so`) when set; else the library staged in this repository by
 * `bindings/c/stage.sh` (`target/recourse-c/lib/librecourse.so.0`) when present; else
 * `librecourse.so.0`, found by the system's dynamic loader (`/usr/local/lib` after
 * `ldconfig`, or `LD_LIBRARY_PATH`).
 *
 * With `ffi.enable=1` (or the CLI, which `ffi.enable=preload` allows) the library is loaded
 * on first use with `FFI::cdef`. Under PHP-FPM's default `ffi.enable=preload`, FFI is only
 * available to preloaded code: set `opcache.preload` to this package's `preload.php`, which
 * calls {@see Library::preload()}, or (when the FPM master runs as root with
 * `opcache.preload_user`) `ffi.preload` to the file `bin/recourse-ffi-header` writes;
 * requests then use the preloaded `RECOURSE` scope.
 */
final class Library
{
    /** The environment variable naming the library file. */
    public const ENV = 'RECOURSE_LIBRARY';

    /** The name of the FFI scope {@see Library::preload()} declares. */
    public const SCOPE = 'RECOURSE';

    /** The C ABI version this package speaks (`RECOURSE_ABI_VERSION`). */
    public const ABI_VERSION = 1;

    private static ?\FFI $ffi = null;

    /** The loaded library: the preloaded scope when there is one, else a fresh `FFI::cdef`. */
    public static function ffi(): \FFI
    {
        if (self::$ffi !== null) {
            return self::$ffi;
        }
        try {
            $ffi = \FFI::scope(self::SCOPE);
        } catch (\FFI\Exception) {
            $ffi = self::load();
        }
        return self::$ffi = self::checked($ffi);
    }

    /** The flattened header (declarations only) that PHP's FFI parser reads. */
    public static function headerPath(): string
    {
        return dirname(__DIR__) . '/resources/recourse.h';
    }

    /** The library file to load, as described in this class's documentation. */
    public static function path(): string
    {
        $fromEnv = getenv(self::ENV);
        if (is_string($fromEnv) && $fromEnv !== '') {
            return $fromEnv;
        }
        $staged = dirname(__DIR__, 3) . '/target/recourse-c/lib/librecourse.so.0';
        if (is_file($staged)) {
            return $staged;
        }
        return 'librecourse.so.0';
    }

    /**
     * Declares the `RECOURSE` FFI scope for preloading: call it from `opcache.preload`
     * (this package's `preload.php` does). PHP's `FFI::load` takes the scope and library
     * from `FFI_SCOPE` and `FFI_LIB` lines in the header file; the shipped header has none,
     * so {@see Library::preloadHeader()} is written to the temporary directory and loaded.
     *
     * PHP refuses `FFI::load` when preloading switches user (`opcache.preload_user`, as
     * under an FPM master running as root): there, set `ffi.preload` to a file holding
     * {@see Library::preloadHeader()} instead (`bin/recourse-ffi-header` writes it).
     */
    public static function preload(?string $library = null): \FFI
    {
        $header = self::preloadHeader($library);
        $file = sprintf('%s/recourse-ffi-%s.h', sys_get_temp_dir(), hash('sha256', $header));
        if (!is_file($file) || file_get_contents($file) !== $header) {
            $tmp = $file . '.' . getmypid();
            if (file_put_contents($tmp, $header) === false || !rename($tmp, $file)) {
                throw new LibraryException('library.unavailable', '.', "cannot write {$file}");
            }
        }
        $ffi = \FFI::load($file);
        if ($ffi === null) {
            throw new LibraryException('library.unavailable', '.', "FFI::load failed for {$file}");
        }
        return self::$ffi = self::checked($ffi);
    }

    /**
     * The header for `FFI::load` and `ffi.preload`: the flattened header after the
     * `FFI_SCOPE` and `FFI_LIB` lines PHP reads.
     */
    public static function preloadHeader(?string $library = null): string
    {
        $library ??= self::path();
        return sprintf("#define FFI_SCOPE \"%s\"\n#define FFI_LIB \"%s\"\n", self::SCOPE, addcslashes($library, "\"\\"))
            . self::header();
    }

    /** Whether the `RECOURSE` scope was preloaded (by `preload.php` or `ffi.preload`). */
    public static function isPreloaded(): bool
    {
        try {
            \FFI::scope(self::SCOPE);
            return true;
        } catch (\FFI\Exception) {
            return false;
        }
    }

    private static function load(): \FFI
    {
        $path = self::path();
        try {
            return \FFI::cdef(self::header(), $path);
        } catch (\FFI\Exception $e) {
            throw new LibraryException(
                'library.unavailable',
                '.',
                "cannot load {$path} ({$e->getMessage()}); set " . self::ENV
                    . ', or preload preload.php where ffi.enable=preload',
                $e,
            );
        }
    }

    private static function header(): string
    {
        $header = file_get_contents(self::headerPath());
        if ($header === false) {
            throw new LibraryException('library.unavailable', '.', 'cannot read ' . self::headerPath());
        }
        return $header;
    }

    private static function checked(\FFI $ffi): \FFI
    {
        /** @var int $abi */
        $abi = $ffi->recourse_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new LibraryException(
                'library.abi_mismatch',
                '.',
                sprintf('the library speaks ABI %d, this package %d', $abi, self::ABI_VERSION),
            );
        }
        return $ffi;
    }
}
