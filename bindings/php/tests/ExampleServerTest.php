<?php

declare(strict_types=1);

namespace Recourse\Tests;

use PHPUnit\Framework\TestCase;

/**
 * examples/php served by `php -S` with ffi.enable=preload, ffi.preload and the package's
 * preload script (as under PHP-FPM, where FFI::cdef is refused), answering real HTTP
 * requests on the loopback interface.
 */
final class ExampleServerTest extends TestCase
{
    /** @var resource|null */
    private static $server = null;

    private static int $port = 0;

    public static function setUpBeforeClass(): void
    {
        $probe = stream_socket_server('tcp://127.0.0.1:0');
        self::assertIsResource($probe);
        self::$port = (int) substr((string) strrchr((string) stream_socket_get_name($probe, false), ':'), 1);
        fclose($probe);
        $root = dirname(__DIR__, 3);
        // As under an FPM master running as root: the library declared by ffi.preload (PHP
        // refuses FFI::load with opcache.preload_user), the classes by preload.php.
        $header = sys_get_temp_dir() . '/recourse-ffi-example.h';
        file_put_contents($header, \Recourse\Library::preloadHeader());
        $command = [
            PHP_BINARY,
            '-d', 'ffi.enable=preload',
            '-d', 'ffi.preload=' . $header,
            '-d', 'opcache.enable=1',
            '-d', 'opcache.preload=' . $root . '/bindings/php/preload.php',
            '-d', 'opcache.preload_user=' . (function_exists('posix_getpwuid') ? (posix_getpwuid(posix_geteuid())['name'] ?? 'root') : 'root'),
            '-S', '127.0.0.1:' . self::$port,
            $root . '/examples/php/index.php',
        ];
        $log = sys_get_temp_dir() . '/recourse-example-server.log';
        $process = proc_open($command, [0 => ['pipe', 'r'], 1 => ['file', $log, 'w'], 2 => ['file', $log, 'a']], $pipes);
        self::assertIsResource($process);
        self::$server = $process;
        for ($i = 0; $i < 100; $i++) {
            $socket = @stream_socket_client('tcp://127.0.0.1:' . self::$port, $errno, $errstr, 0.1);
            if ($socket !== false) {
                fclose($socket);
                return;
            }
            usleep(50_000);
        }
        self::fail('the example server did not start: ' . file_get_contents($log));
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$server !== null) {
            proc_terminate(self::$server);
            proc_close(self::$server);
            self::$server = null;
        }
    }

    /** @return array{0: int, 1: array<string, mixed>} */
    private function request(string $method, string $path, string $body = ''): array
    {
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => "Content-Type: application/json\r\n",
            'content' => $body,
            'ignore_errors' => true,
            'timeout' => 10,
        ]]);
        $response = file_get_contents('http://127.0.0.1:' . self::$port . $path, false, $context);
        $this->assertIsString($response);
        /** @var list<string> $http_response_header */
        $this->assertSame(1, preg_match('#^HTTP/\S+ (\d{3})#', $http_response_header[0], $m));
        return [(int) $m[1], json_decode($response, true, 512, JSON_THROW_ON_ERROR)];
    }

    public function testRefundDecision(): void
    {
        $vector = json_decode((string) file_get_contents(Vectors::dir() . '/refund.evaluate/default_duplicate_charge_pt_br.json'), false, 512, JSON_THROW_ON_ERROR);
        [$status, $answer] = $this->request('POST', '/refund', Vectors::canonical($vector->input));
        $this->assertSame(200, $status);
        // The vector leaves the receipt's fingerprint out (it does not pin it); so does this.
        $this->assertMatchesRegularExpression('/^sha256:[0-9a-f]{64}$/', $answer['receipt']['engine_fingerprint']);
        unset($answer['receipt']['engine_fingerprint']);
        $this->assertSame(json_decode(Vectors::compared(Vectors::canonical($vector->expected), false), true), $answer);
    }

    public function testAllocationAndErrors(): void
    {
        [$status, $answer] = $this->request('POST', '/allocate', '{"total":{"amount":"100.00","currency":"BRL"},"ratios":[1,1,1]}');
        $this->assertSame(200, $status);
        $this->assertSame('33.34', $answer['parts'][0]['amount']);

        [$status, $answer] = $this->request('POST', '/refund', '{"order": ');
        $this->assertSame([422, 'input.malformed_json'], [$status, $answer['error']['code']]);
        [$status, $answer] = $this->request('GET', '/health');
        $this->assertSame(200, $status);
        $this->assertContains('refund.evaluate', $answer['operations']);
        [$status] = $this->request('GET', '/nowhere');
        $this->assertSame(404, $status);
    }
}
