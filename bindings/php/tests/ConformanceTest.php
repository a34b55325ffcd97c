<?php

declare(strict_types=1);

namespace Recourse\Tests;

use PHPUnit\Framework\TestCase;
use Recourse\Engine;
use Recourse\Exception\RecourseException;

/** The shared conformance vectors: the same bytes in PHP as in Rust and C. */
final class ConformanceTest extends TestCase
{
    private static ?Engine $engine = null;

    private static function engine(): Engine
    {
        return self::$engine ??= Engine::default();
    }

    /** @return array<string, array{0: \stdClass}> */
    public static function vectors(): array
    {
        return Vectors::all();
    }

    /** @dataProvider vectors */
    public function testVector(\stdClass $vector): void
    {
        $input = isset($vector->input_text) ? (string) $vector->input_text : Vectors::canonical($vector->input);
        try {
            $engine = isset($vector->config) ? Engine::fromString(Vectors::canonical($vector->config)) : self::engine();
            $actual = $engine->callJson((string) $vector->operation, $input);
        } catch (RecourseException $e) {
            $this->assertTrue(property_exists($vector, 'error'), "unexpected error {$e->getMessage()}");
            $this->assertSame([$vector->error->code, $vector->error->path], [$e->errorCode, $e->path]);
            return;
        }
        $this->assertTrue(property_exists($vector, 'expected'), "expected an error, got {$actual}");
        $this->assertSame(Vectors::canonical($vector->expected), $actual);
        $this->assertFalse(Vectors::hasFloat($vector->expected), 'an expected output holds a float');
        // The decoding call gives the same answer as an array.
        if (!isset($vector->config)) {
            $this->assertSame(
                json_decode($actual, true, 512, JSON_THROW_ON_ERROR),
                self::engine()->call((string) $vector->operation, $input),
            );
        }
    }

    public function testEveryOperationHasVectors(): void
    {
        $covered = array_unique(array_map(static fn (array $v): string => (string) $v[0]->operation, Vectors::all()));
        foreach (Engine::operations() as $operation) {
            $this->assertContains($operation['name'], $covered);
        }
        $this->assertGreaterThan(20, count(Vectors::all()));
    }
}
