<?php

declare(strict_types=1);

namespace App\Controller;

use Recourse\Engine;
use Recourse\Exception\RecourseException;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;

/**
 * A refund decision endpoint as a Symfony controller: POST /refunds/decision with a
 * `refund.evaluate` request as JSON answers the decision (amounts, timing, reasons in the
 * customer's language, receipt); a request Recourse refuses answers 422 with its stable code
 * and path. In a full Symfony application, register the class as a service with the engine
 * injected (one engine per worker: build it once).
 */
final class RefundController
{
    public function __construct(private readonly Engine $engine)
    {
    }

    public function decide(Request $request): Response
    {
        try {
            // The body goes to the library as is: it checks size, UTF-8 and shape itself,
            // and answers the canonical JSON every host gives.
            $decision = $this->engine->callJson('refund.evaluate', $request->getContent());
            return JsonResponse::fromJsonString($decision);
        } catch (RecourseException $e) {
            // The stable code and the path are for programs; the message never echoes the
            // input. A fault of the library itself is the server's, not the client's.
            $status = str_starts_with($e->errorCode, 'library.') || str_starts_with($e->errorCode, 'ffi.')
                ? Response::HTTP_INTERNAL_SERVER_ERROR
                : Response::HTTP_UNPROCESSABLE_ENTITY;
            return new JsonResponse(
                ['error' => ['code' => $e->errorCode, 'path' => $e->path, 'message' => $e->getMessage()]],
                $status,
            );
        }
    }
}
