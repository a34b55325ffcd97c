<?php

declare(strict_types=1);

namespace Recourse\Tests;

use PHPUnit\Framework\ExpectationFailedException;
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
        $this->checkVector($vector);
    }

    /**
     * Runs one vector: the answer must be canonical and equal `expected`, the receipt's
     * fingerprint left out on both sides unless the vector pins it.
     */
    private function checkVector(\stdClass $vector): void
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
        $pinned = Vectors::pinsFingerprint($vector);
        $this->assertSame(Vectors::canonical(json_decode($actual, false, 512, JSON_THROW_ON_ERROR)), $actual, 'the answer is not canonical');
        $this->assertSame(Vectors::compared(Vectors::canonical($vector->expected), $pinned), Vectors::compared($actual, $pinned));
        $this->assertFalse(Vectors::hasFloat($vector->expected), 'an expected output holds a float');
        // The decoding call gives the same answer as an array.
        if (!isset($vector->config)) {
            $this->assertSame(
                json_decode($actual, true, 512, JSON_THROW_ON_ERROR),
                self::engine()->call((string) $vector->operation, $input),
            );
        }
    }

    public function testAWrongFingerprintFailsOnlyAVectorThatPinsIt(): void
    {
        $request = '{"ratios":[1,1,1],"total":{"amount":"100.00","currency":"BRL"}}';
        $answer = json_decode(self::engine()->callJson('money.allocate', $request), false, 512, JSON_THROW_ON_ERROR);
        $this->assertMatchesRegularExpression('/^sha256:[0-9a-f]{64}$/', $answer->receipt->engine_fingerprint);
        $vector = static function (\stdClass $expected, bool $pins) use ($request): \stdClass {
            return (object) ['operation' => 'money.allocate', 'input_text' => $request, 'expected' => $expected, 'pins_fingerprint' => $pins];
        };
        $wrong = json_decode(json_encode($answer, JSON_THROW_ON_ERROR), false, 512, JSON_THROW_ON_ERROR);
        $wrong->receipt->engine_fingerprint = 'sha256:' . str_repeat('0', 64);
        $without = json_decode(json_encode($answer, JSON_THROW_ON_ERROR), false, 512, JSON_THROW_ON_ERROR);
        unset($without->receipt->engine_fingerprint);
        $digest = json_decode(json_encode($wrong, JSON_THROW_ON_ERROR), false, 512, JSON_THROW_ON_ERROR);
        $digest->receipt->input_digest = 'sha256:' . str_repeat('0', 64);

        $this->checkVector($vector($wrong, false));
        $this->checkVector($vector($without, false));
        $this->checkVector($vector($answer, true));
        foreach ([[$wrong, true], [$without, true], [$digest, false]] as [$expected, $pins]) {
            try {
                $this->checkVector($vector($expected, $pins));
            } catch (ExpectationFailedException) {
                continue;
            }
            $this->fail('a vector passed with ' . json_encode($expected->receipt, JSON_THROW_ON_ERROR));
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
