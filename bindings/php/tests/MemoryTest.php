<?php

declare(strict_types=1);

namespace Recourse\Tests;

use PHPUnit\Framework\TestCase;
use Recourse\Engine;
use Recourse\Exception\InputException;

/** 100,000 calls on one engine do not grow PHP's memory nor the process's. */
final class MemoryTest extends TestCase
{
    private const REQUEST = '{"total":{"amount":"100.00","currency":"BRL"},"ratios":[1,1,1]}';

    private static function residentKiB(): int
    {
        $status = (string) file_get_contents('/proc/self/status');
        return preg_match('/^VmRSS:\s+(\d+) kB/m', $status, $m) === 1 ? (int) $m[1] : 0;
    }

    public function testOneHundredThousandCallsDoNotGrowMemory(): void
    {
        $engine = Engine::default();
        $round = static function (int $calls) use ($engine): void {
            for ($i = 0; $i < $calls; $i++) {
                if ($i % 10 === 0) {
                    try {
                        $engine->callJson('money.allocate', '{"total": [');
                    } catch (InputException) {
                        // Errors are freed too.
                    }
                } else {
                    $engine->callJson('money.allocate', self::REQUEST);
                }
            }
        };
        $round(5_000); // warm up the allocators
        gc_collect_cycles();
        $php = memory_get_usage();
        $rss = self::residentKiB();
        $round(100_000);
        gc_collect_cycles();
        $this->assertLessThan(64 * 1024, memory_get_usage() - $php, 'PHP memory grew');
        $this->assertLessThan(4 * 1024, self::residentKiB() - $rss, 'resident memory grew (KiB)');
    }
}
