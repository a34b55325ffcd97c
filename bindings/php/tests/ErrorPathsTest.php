<?php

declare(strict_types=1);

namespace Recourse\Tests;

use PHPUnit\Framework\TestCase;
use Recourse\Engine;
use Recourse\Exception\ConfigException;
use Recourse\Exception\InputException;
use Recourse\Exception\LibraryException;
use Recourse\Exception\OperationException;
use Recourse\Exception\RecourseException;
use Recourse\Library;

/** Every way a call can fail, each with its stable code, path and exception class. */
final class ErrorPathsTest extends TestCase
{
    private const REQUEST = '{"total":{"amount":"100.00","currency":"BRL"},"ratios":[1,1,1]}';

    /** @param class-string<RecourseException> $class */
    private function assertFails(callable $call, string $class, string $code, string $path): void
    {
        try {
            $call();
        } catch (RecourseException $e) {
            $this->assertInstanceOf($class, $e);
            $this->assertSame([$code, $path], [$e->errorCode, $e->path], $e->getMessage());
            $this->assertStringStartsWith("{$code} at {$path}: ", $e->getMessage());
            return;
        }
        $this->fail("expected {$code}");
    }

    public function testBadRequests(): void
    {
        $engine = Engine::default();
        $this->assertFails(fn () => $engine->call('money.allocate', '{"total": ['), InputException::class, 'input.malformed_json', '.');
        $this->assertFails(fn () => $engine->call('money.allocate', ''), InputException::class, 'input.malformed_json', '.');
        $this->assertFails(fn () => $engine->call('money.allocate', "{\"total\":\"\xff\"}"), InputException::class, 'input.invalid_utf8', '.');
        $this->assertFails(fn () => $engine->call("money.\xc3", self::REQUEST), InputException::class, 'input.invalid_utf8', 'operation');
        $this->assertFails(fn () => $engine->call('money.divide', self::REQUEST), InputException::class, 'input.unknown_operation', '.');
        $this->assertFails(fn () => $engine->call('money.allocate', []), InputException::class, 'input.invalid', '.');
        $this->assertFails(
            fn () => $engine->call('calendar.is_open', ['calendar' => 'sao_paulo', 'now' => '0000-06-01T12:00:00Z']),
            InputException::class,
            'input.out_of_range',
            'now',
        );
        $this->assertFails(
            fn () => $engine->allocate('1.001', 'BRL', [1]),
            InputException::class,
            'input.amount_too_precise',
            'total',
        );
        $this->assertFails(
            fn () => $engine->allocate('10.00', 'BRL', [1, 1], ['1.00', '1.00']),
            OperationException::class,
            'money.caps_infeasible',
            'caps',
        );
        $this->assertFails(
            fn () => $engine->call('money.allocate', ['total' => ['amount' => '1', 'currency' => 'JPY'], 'ratios' => [0.5]]),
            InputException::class,
            'input.invalid_ratios',
            'ratios[0]',
        );
    }

    public function testOversizeInput(): void
    {
        $small = Engine::fromArray(['store' => ['name' => 'Small'], 'limits' => ['max_bytes' => 64]]);
        $this->assertFails(fn () => $small->call('money.allocate', str_repeat(' ', 65)), InputException::class, 'input.too_large', '.');
        $this->assertFails(
            fn () => Engine::default()->call('money.allocate', str_repeat(' ', 4 * 1024 * 1024 + 1)),
            InputException::class,
            'input.too_large',
            '.',
        );
    }

    public function testConfigurations(): void
    {
        $this->assertFails(fn () => Engine::fromString("[store\n"), ConfigException::class, 'config.syntax', '.');
        $this->assertFails(fn () => Engine::fromString('{"store": '), ConfigException::class, 'config.syntax', '.');
        // A key the configuration does not define is not repeated: its object is named.
        $this->assertFails(fn () => Engine::fromArray(['store' => ['name' => 'x'], 'extra' => 1]), ConfigException::class, 'config.invalid', '.');
        $this->assertFails(fn () => Engine::fromString("[store]\nname = \"\xff\"\n"), InputException::class, 'input.invalid_utf8', 'config');
        $this->assertFails(fn () => Engine::fromFile('/nonexistent/store.toml'), LibraryException::class, 'library.unreadable', '.');

        $default = dirname(__DIR__, 3) . '/crates/recourse/config/default.toml';
        $this->assertSame(Engine::default()->fingerprint(), Engine::fromFile($default)->fingerprint());
        $toml = Engine::fromString("[store]\nname = \"Loja\"\n");
        $array = Engine::fromArray(['store' => ['name' => 'Loja']]);
        $this->assertSame($toml->fingerprint(), $array->fingerprint());
        $this->assertMatchesRegularExpression('/^sha256:[0-9a-f]{64}$/', $toml->fingerprint());
    }

    public function testCheckListsEveryProblemWithoutAnEngine(): void
    {
        $problems = Engine::check(['store' => ['name' => ' '], 'limits' => ['max_list' => 0]]);
        $this->assertSame(['store.name', 'limits.max_list'], array_column($problems, 'path'));
        foreach ($problems as $p) {
            $this->assertSame(['code', 'message', 'path'], array_keys($p));
        }
        $this->assertSame([], Engine::check("[store]\nname = \"Loja\"\n"));
        $this->assertSame('config.syntax', Engine::check("[store\n")[0]['code'] ?? null);
        $this->assertFails(fn () => Engine::check("\xff"), InputException::class, 'input.invalid_utf8', 'config');
    }

    public function testReleaseIsExplicitAndIdempotent(): void
    {
        $engine = Engine::default();
        $this->assertSame(['33.34', '33.33', '33.33'], $engine->allocate('100.00', 'BRL', [1, 1, 1]));
        $engine->release();
        $engine->release();
        $this->assertFails(fn () => $engine->call('money.allocate', self::REQUEST), LibraryException::class, 'host.engine_released', '.');
    }

    public function testBatch(): void
    {
        $engine = Engine::default();
        $answers = $engine->batch('money.allocate', [
            ['total' => ['amount' => '10', 'currency' => 'JPY'], 'ratios' => [1, 1, 1]],
            ['total' => 1],
            self::REQUEST,
        ]);
        $this->assertCount(3, $answers);
        $this->assertSame('4', $answers[0]['output']['parts'][0]['amount'] ?? null);
        $this->assertSame(['input.invalid', '[1].total'], [$answers[1]['error']['code'] ?? null, $answers[1]['error']['path'] ?? null]);
        $this->assertSame($engine->call('money.allocate', self::REQUEST), $answers[2]['output'] ?? null);
        $this->assertFails(fn () => $engine->batchJson('money.allocate', '{}'), InputException::class, 'input.malformed_json', '.');
        $this->assertFails(fn () => $engine->batch('money.divide', []), InputException::class, 'input.unknown_operation', '.');
    }

    /** The C functions themselves refuse NULL with a status, never a crash or a success. */
    public function testNullArgumentsReachingTheLibrary(): void
    {
        $ffi = Library::ffi();
        $out = $ffi->new('recourse_buffer*');
        $error = $ffi->new('recourse_error*');
        $status = $ffi->recourse_engine_call(null, 'money.allocate', 14, self::REQUEST, strlen(self::REQUEST), \FFI::addr($out), \FFI::addr($error));
        $this->assertSame(1, $status);
        $this->assertTrue(\FFI::isNull($out));
        $this->assertSame(['ffi.null_argument', 'engine'], [$ffi->recourse_error_code($error), $ffi->recourse_error_path($error)]);
        $ffi->recourse_error_free(\FFI::addr($error));
        $this->assertTrue(\FFI::isNull($error));
        $ffi->recourse_error_free(\FFI::addr($error));

        $engine = $ffi->new('recourse_engine*');
        $this->assertSame(1, $ffi->recourse_engine_new(null, 0, \FFI::addr($engine), \FFI::addr($error)));
        $this->assertSame('config', $ffi->recourse_error_path($error));
        $ffi->recourse_error_free(\FFI::addr($error));
        $this->assertSame(1, $ffi->recourse_engine_new_default(null, null));
        $this->assertNull($ffi->recourse_error_code(null));
        $this->assertSame(0, $ffi->recourse_buffer_len(null));
    }

    public function testExceptionClassesFollowTheCodesArea(): void
    {
        $this->assertInstanceOf(InputException::class, RecourseException::fromCode('input.too_deep', '.', 'm'));
        $this->assertInstanceOf(ConfigException::class, RecourseException::fromCode('config.invalid', 'x', 'm'));
        $this->assertInstanceOf(OperationException::class, RecourseException::fromCode('refund.window_expired', '.', 'm'));
        $this->assertInstanceOf(LibraryException::class, RecourseException::fromCode('ffi.panic', '.', 'm'));
    }

    public function testVersionsAndOperations(): void
    {
        $cargo = (string) file_get_contents(dirname(__DIR__, 3) . '/Cargo.toml');
        $this->assertSame(1, preg_match('/^version = "([^"]+)"/m', $cargo, $m));
        $this->assertSame($m[1], Engine::version());
        $names = array_column(Engine::operations(), 'name');
        $this->assertContains('money.allocate', $names);
        foreach (Engine::operations() as $op) {
            $this->assertMatchesRegularExpression('/^[a-z_]+\.[a-z_]+$/', $op['name']);
            $this->assertNotSame('', $op['summary']);
        }
    }

    public function testTypedShortcuts(): void
    {
        $engine = Engine::default();
        $this->assertSame(['5.45', '2.28', '2.27'], $engine->allocate('10.00', 'BRL', ['59.90', '25.10', '25.00']));
        $this->assertStringNotContainsString('4111', $engine->redact('meu cartão 4111 1111 1111 1111'));
        $vector = json_decode((string) file_get_contents(Vectors::dir() . '/refund.evaluate/default_duplicate_charge_pt_br.json'), true, 512, JSON_THROW_ON_ERROR);
        $decision = $engine->evaluateRefund($vector['input']);
        $this->assertSame($vector['expected']['outcome'], $decision['outcome']);
        $this->assertSame($vector['expected']['total'], $decision['total']);
    }

    /** A missing library is a LibraryException that says where it looked and how to fix it. */
    public function testMissingLibrary(): void
    {
        $script = 'require ' . var_export(dirname(__DIR__) . '/autoload.php', true) . ';'
            . 'try { Recourse\Engine::default(); echo "loaded"; }'
            . ' catch (Recourse\Exception\LibraryException $e) { echo $e->errorCode, "|", $e->getMessage(); }';
        $output = shell_exec('RECOURSE_LIBRARY=/nonexistent/librecourse.so ' . escapeshellarg(PHP_BINARY)
            . ' -d ffi.enable=1 -r ' . escapeshellarg($script));
        $this->assertIsString($output);
        $this->assertStringStartsWith('library.unavailable|', $output);
        $this->assertStringContainsString('/nonexistent/librecourse.so', $output);
        $this->assertStringContainsString(Library::ENV, $output);
    }
}
