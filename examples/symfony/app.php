<?php

// The application: Symfony's routing in front of the refund controller. Returns a function
// from a Request to a Response, so a front controller, a long-lived worker or a test can
// drive it alike.
//
// With Composer: `composer require symfony/http-foundation symfony/routing` and the path
// repository of bindings/php (see the README), then vendor/autoload.php loads everything.
// Without it, Debian's php-symfony-http-foundation and php-symfony-routing packages and the
// package's own autoload.php are used.

declare(strict_types=1);

use App\Controller\RefundController;
use Recourse\Engine;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\Routing\Exception\MethodNotAllowedException;
use Symfony\Component\Routing\Exception\ResourceNotFoundException;
use Symfony\Component\Routing\Matcher\UrlMatcher;
use Symfony\Component\Routing\RequestContext;
use Symfony\Component\Routing\Route;
use Symfony\Component\Routing\RouteCollection;

if (is_file(__DIR__ . '/vendor/autoload.php')) {
    require_once __DIR__ . '/vendor/autoload.php';
} else {
    require_once '/usr/share/php/Symfony/Component/HttpFoundation/autoload.php';
    require_once '/usr/share/php/Symfony/Component/Routing/autoload.php';
    if (!class_exists(Engine::class)) {
        require_once __DIR__ . '/../../bindings/php/autoload.php';
    }
}
require_once __DIR__ . '/src/RefundController.php';

return static function (Engine $engine): Closure {
    $routes = new RouteCollection();
    $routes->add('refund_decision', new Route('/refunds/decision', ['_controller' => 'decide'], methods: ['POST']));
    $controller = new RefundController($engine);
    return static function (Request $request) use ($routes, $controller): Response {
        $matcher = new UrlMatcher($routes, (new RequestContext())->fromRequest($request));
        try {
            $matcher->matchRequest($request);
        } catch (ResourceNotFoundException) {
            return new JsonResponse(['error' => ['code' => 'http.not_found', 'path' => '.', 'message' => 'POST /refunds/decision']], 404);
        } catch (MethodNotAllowedException) {
            return new JsonResponse(['error' => ['code' => 'http.method_not_allowed', 'path' => '.', 'message' => 'POST /refunds/decision']], 405);
        }
        return $controller->decide($request);
    };
};
