<?php

// PHP's cost per call and per case in a batch, on the same requests as benches/ffi.rs.
// Not a test: it prints figures. php bench/bench.php [ROUNDS]

declare(strict_types=1);

require __DIR__ . '/../autoload.php';
require __DIR__ . '/../tests/Vectors.php';

use Recourse\Engine;
use Recourse\Tests\Vectors;

$rounds = (int) ($argv[1] ?? 5);
$engine = Engine::default();
$vector = json_decode((string) file_get_contents(Vectors::dir() . '/refund.evaluate/default_duplicate_charge_pt_br.json'), false, 512, JSON_THROW_ON_ERROR);
$refund = Vectors::canonical($vector->input);
$refundArray = json_decode($refund, true, 512, JSON_THROW_ON_ERROR);
$allocate = '{"total":{"amount":"1234.57","currency":"BRL"},"ratios":[3,5,7,11,13]}';
$batch100 = '[' . implode(',', array_fill(0, 100, $refund)) . ']';

/** Best time per iteration over `$rounds` rounds of `$n` iterations, in microseconds. */
function best(int $rounds, int $n, callable $body): float
{
    $best = INF;
    for ($r = 0; $r < $rounds; $r++) {
        $start = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $body();
        }
        $best = min($best, (hrtime(true) - $start) / $n / 1000);
    }
    return $best;
}

$cases = [
    ['refund.evaluate, callJson (bytes in, bytes out)', 5000, 1, fn () => $engine->callJson('refund.evaluate', $refund)],
    ['refund.evaluate, call (array in, array out)', 5000, 1, fn () => $engine->call('refund.evaluate', $refundArray)],
    ['refund.evaluate, batchJson of 100, per case', 50, 100, fn () => $engine->batchJson('refund.evaluate', $batch100)],
    ['money.allocate, callJson', 20000, 1, fn () => $engine->callJson('money.allocate', $allocate)],
    ['money.allocate, allocate() typed', 20000, 1, fn () => $engine->allocate('1234.57', 'BRL', [3, 5, 7, 11, 13])],
];
printf("PHP %s, librecourse %s, best of %d rounds\n", PHP_VERSION, Engine::version(), $rounds);
foreach ($cases as [$name, $n, $perCall, $body]) {
    $body(); // warm up
    printf("  %-52s %8.2f us\n", $name, best($rounds, $n, $body) / $perCall);
}
