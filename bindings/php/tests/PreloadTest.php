<?php

declare(strict_types=1);

namespace Recourse\Tests;

use PHPUnit\Framework\TestCase;

/** How the library is found and loaded: preloaded scope, FFI::cdef, and the refusals. */
final class PreloadTest extends TestCase
{
    /** Runs `$code` in a fresh PHP with `$ini` settings; returns its output. */
    private function php(array $ini, string $code, string $env = ''): string
    {
        $command = $env . escapeshellarg(PHP_BINARY) . ' -n -d extension=ffi.so';
        foreach ($ini as $key => $value) {
            $command .= ' -d ' . escapeshellarg("{$key}={$value}");
        }
        $command .= ' -r ' . escapeshellarg($code) . ' 2>&1';
        return (string) shell_exec($command);
    }

    private const PROBE = 'require %s;'
        . ' $e = Recourse\Engine::default();'
        . ' echo Recourse\Library::isPreloaded() ? "preloaded" : "cdef", " ", $e->allocate("1.00", "BRL", [1, 1])[0];';

    private static function probe(): string
    {
        return sprintf(self::PROBE, var_export(dirname(__DIR__) . '/autoload.php', true));
    }

    public function testPreloadScriptDeclaresTheScope(): void
    {
        if (!function_exists('posix_geteuid') || posix_geteuid() !== 0) {
            $output = $this->php($this->preloadIni(dirname(__DIR__)), self::probe());
            $this->assertSame('preloaded 0.50', $output);
            return;
        }
        // PHP 8.2 wants opcache.preload_user when root, and then refuses FFI::load: run the
        // preload as an unprivileged user, as a master process not running as root would,
        // on a copy of the package and library it can read wherever this checkout lives.
        $copy = sys_get_temp_dir() . '/recourse-preload-' . getmypid();
        foreach (['src/Exception', 'resources'] as $dir) {
            mkdir("{$copy}/{$dir}", 0755, true);
        }
        $files = array_merge(
            ['preload.php', 'autoload.php', 'resources/recourse.h'],
            array_map(static fn (string $f): string => substr($f, strlen(dirname(__DIR__)) + 1), glob(dirname(__DIR__) . '/src/{,Exception/}*.php', GLOB_BRACE) ?: []),
        );
        foreach ($files as $file) {
            copy(dirname(__DIR__) . '/' . $file, "{$copy}/{$file}");
        }
        copy(\Recourse\Library::path(), "{$copy}/librecourse.so.0");
        chmod($copy, 0755);
        try {
            $output = $this->php(
                $this->preloadIni($copy),
                sprintf(self::PROBE, var_export("{$copy}/autoload.php", true)),
                'RECOURSE_LIBRARY=' . escapeshellarg("{$copy}/librecourse.so.0") . ' setpriv --reuid=65534 --regid=65534 --clear-groups ',
            );
        } finally {
            shell_exec('rm -rf ' . escapeshellarg($copy));
        }
        $this->assertSame('preloaded 0.50', $output);
    }

    /** @return array<string, string> */
    private function preloadIni(string $package): array
    {
        return [
            'ffi.enable' => 'preload',
            'zend_extension' => 'opcache.so',
            'opcache.enable_cli' => '1',
            'opcache.preload' => $package . '/preload.php',
        ];
    }

    public function testFfiPreloadHeaderDeclaresTheScope(): void
    {
        $header = sys_get_temp_dir() . '/recourse-ffi-preload-test.h';
        file_put_contents($header, (string) shell_exec(escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(dirname(__DIR__) . '/bin/recourse-ffi-header')));
        $this->assertStringStartsWith("#define FFI_SCOPE \"RECOURSE\"\n#define FFI_LIB ", (string) file_get_contents($header));
        $output = $this->php(['ffi.enable' => 'preload', 'ffi.preload' => $header], self::probe());
        $this->assertSame('preloaded 0.50', $output);
    }

    public function testCdefWithTheFlatHeader(): void
    {
        $this->assertSame('cdef 0.50', $this->php(['ffi.enable' => '1'], self::probe()));
        // The header PHP reads has declarations only.
        $header = (string) file_get_contents(dirname(__DIR__) . '/resources/recourse.h');
        $this->assertDoesNotMatchRegularExpression('/^\s*#|\/\*|\/\/|extern "C"/m', $header);
        $this->assertStringContainsString('recourse_engine_call(', $header);
    }

    public function testFfiDisabledIsALibraryError(): void
    {
        $output = $this->php(['ffi.enable' => '0'], sprintf(
            'require %s; try { Recourse\Engine::default(); } catch (Recourse\Exception\LibraryException $e) { echo $e->errorCode; }',
            var_export(dirname(__DIR__) . '/autoload.php', true),
        ));
        $this->assertSame('library.unavailable', $output);
    }

    public function testLibraryFromTheEnvironment(): void
    {
        $library = \Recourse\Library::path();
        $this->assertFileExists($library);
        $output = $this->php(['ffi.enable' => '1'], self::probe(), 'RECOURSE_LIBRARY=' . escapeshellarg($library) . ' ');
        $this->assertSame('cdef 0.50', $output);
    }
}
