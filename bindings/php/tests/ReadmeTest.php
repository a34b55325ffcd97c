<?php

declare(strict_types=1);

namespace Recourse\Tests;

use PHPUnit\Framework\TestCase;

/**
 * The README's PHP examples that print something run as written, in a fresh PHP process
 * with the package's autoloader, and print what their comments say: a line
 * `echo ...;   // approve 291.25` must print `approve 291.25`. (The other PHP snippets are
 * fragments of a larger program and are covered by the tests of each method they show.)
 */
final class ReadmeTest extends TestCase
{
    /** @return array<string, array{string}> */
    public static function examples(): array
    {
        $readme = (string) file_get_contents(dirname(__DIR__, 3) . '/README.md');
        preg_match_all('/```php\n(.*?)```/s', $readme, $blocks);
        $examples = [];
        foreach ($blocks[1] as $i => $block) {
            if (preg_match('/^\s*echo .*;\s*\/\/ /m', $block) === 1) {
                $examples['README php example ' . ($i + 1)] = [$block];
            }
        }
        return $examples;
    }

    public function testTheReadmeHasARunnableExample(): void
    {
        self::assertNotEmpty(self::examples(), 'no README php example prints its answer');
    }

    /** @dataProvider examples */
    public function testTheExamplePrintsWhatItSays(string $block): void
    {
        $file = tempnam(sys_get_temp_dir(), 'recourse-readme-') . '.php';
        $autoload = var_export(dirname(__DIR__) . '/autoload.php', true);
        file_put_contents($file, "<?php\nrequire {$autoload};\n" . $block);
        try {
            $output = [];
            exec(escapeshellarg(PHP_BINARY) . ' -d ffi.enable=1 ' . escapeshellarg($file) . ' 2>&1', $output, $status);
        } finally {
            unlink($file);
        }
        preg_match_all('/^\s*echo .*;\s*\/\/ (.*)$/m', $block, $expected);
        self::assertSame(0, $status, implode("\n", $output));
        self::assertSame(array_map('trim', $expected[1]), array_map('trim', $output));
    }
}
