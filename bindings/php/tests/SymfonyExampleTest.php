<?php

declare(strict_types=1);

namespace Recourse\Tests;

use PHPUnit\Framework\TestCase;
use Recourse\Engine;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;

/**
 * examples/symfony, on the real Symfony HttpFoundation and Routing components: the
 * README's refund case through the route and the controller, a request Recourse refuses,
 * and the routes that do not exist.
 */
final class SymfonyExampleTest extends TestCase
{
    private static \Closure $app;

    public static function setUpBeforeClass(): void
    {
        $build = require dirname(__DIR__, 3) . '/examples/symfony/app.php';
        self::$app = $build(Engine::default());
    }

    private static function readmeCase(): string
    {
        $readme = (string) file_get_contents(dirname(__DIR__, 3) . '/README.md');
        $section = (string) strstr($readme, '## A refund decision, in every host');
        self::assertSame(1, preg_match('/```json\n(.*?)```/s', $section, $block));
        return $block[1];
    }

    private static function post(string $path, string $body): Response
    {
        $request = Request::create($path, 'POST', [], [], [], ['CONTENT_TYPE' => 'application/json'], $body);
        return (self::$app)($request);
    }

    public function testTheReadmeCaseIsDecidedAsInEveryHost(): void
    {
        $response = self::post('/refunds/decision', self::readmeCase());
        self::assertSame(200, $response->getStatusCode());
        self::assertSame('application/json', $response->headers->get('Content-Type'));
        $decision = json_decode((string) $response->getContent(), true, flags: JSON_THROW_ON_ERROR);
        self::assertSame('approve', $decision['outcome']);
        self::assertSame(['amount' => '291.25', 'currency' => 'BRL'], $decision['total']);
        self::assertSame('original_card', $decision['payments'][0]['destination']);
        // The body is the library's canonical JSON, byte for byte.
        self::assertSame(
            Engine::default()->callJson('refund.evaluate', self::readmeCase()),
            $response->getContent(),
        );
    }

    public function testARefusedRequestAnswers422WithItsCodeAndPath(): void
    {
        $bad = str_replace('"quantity": 1 }] }', '"quantity": 7 }] }', self::readmeCase());
        self::assertNotSame($bad, self::readmeCase());
        $response = self::post('/refunds/decision', $bad);
        self::assertSame(422, $response->getStatusCode());
        $error = json_decode((string) $response->getContent(), true, flags: JSON_THROW_ON_ERROR)['error'];
        self::assertSame('request.lines[0].quantity', $error['path']);
        self::assertStringStartsWith('refund.', $error['code']);
        $response = self::post('/refunds/decision', '{"now": 1}');
        self::assertSame(422, $response->getStatusCode());
        $error = json_decode((string) $response->getContent(), true, flags: JSON_THROW_ON_ERROR)['error'];
        self::assertSame(['input.invalid_time', 'now'], [$error['code'], $error['path']]);
    }

    public function testOtherRoutesAndMethodsAreRefused(): void
    {
        self::assertSame(404, self::post('/refunds', '{}')->getStatusCode());
        $get = (self::$app)(Request::create('/refunds/decision', 'GET'));
        self::assertSame(405, $get->getStatusCode());
    }
}
