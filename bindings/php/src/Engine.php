<?php

declare(strict_types=1);

namespace Recourse;

use Recourse\Exception\LibraryException;
use Recourse\Exception\RecourseException;

/**
 * A compiled configuration (the store's rules) that answers every Recourse operation.
 *
 * Build one per process or request and reuse it: building parses and checks the whole
 * configuration, calling does not. Every operation is reached by name with
 * {@see Engine::call()}, JSON in and JSON out, so operations added to the library are
 * available here at once; typed shortcuts exist for the main ones.
 *
 * ```php
 * $engine = Recourse\Engine::default();
 * $answer = $engine->call('money.allocate', [
 *     'total' => ['amount' => '100.00', 'currency' => 'BRL'],
 *     'ratios' => [1, 1, 1],
 * ]);
 * $answer['parts'][0]['amount']; // "33.34"
 * ```
 *
 * Money travels as decimal strings (`"19.90"`), never floats: pass amounts as strings.
 * The engine's memory is released by {@see Engine::release()} or when the object goes away.
 */
final class Engine
{
    /** Flags that give the JSON text Recourse expects: UTF-8 as is, no float surprises. */
    public const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
        | JSON_UNESCAPED_LINE_TERMINATORS | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR;

    private \FFI $ffi;

    /** The `recourse_engine*` handle; null once released. */
    private ?\FFI\CData $handle;

    private function __construct(\FFI $ffi, \FFI\CData $handle)
    {
        $this->ffi = $ffi;
        $this->handle = $handle;
    }

    /** The engine of the embedded default store: runs everything with no configuration. */
    public static function default(): self
    {
        $ffi = Library::ffi();
        $engine = $ffi->new('recourse_engine*');
        $error = $ffi->new('recourse_error*');
        $status = $ffi->recourse_engine_new_default(\FFI::addr($engine), \FFI::addr($error));
        self::raise($ffi, $status, $error);
        return new self($ffi, $engine);
    }

    /**
     * An engine from configuration text: TOML, or JSON when it starts with `{`.
     *
     * @throws RecourseException `config.*` with the path of the first problem
     */
    public static function fromString(string $config): self
    {
        $ffi = Library::ffi();
        $engine = $ffi->new('recourse_engine*');
        $error = $ffi->new('recourse_error*');
        $status = $ffi->recourse_engine_new($config, strlen($config), \FFI::addr($engine), \FFI::addr($error));
        self::raise($ffi, $status, $error);
        return new self($ffi, $engine);
    }

    /**
     * An engine from a configuration file (`.toml` or `.json`).
     *
     * @throws RecourseException `config.*`, or `library.unreadable` when the file cannot be read
     */
    public static function fromFile(string $path): self
    {
        $text = is_file($path) ? file_get_contents($path) : false;
        if ($text === false) {
            throw new LibraryException('library.unreadable', '.', "cannot read the configuration file {$path}");
        }
        return self::fromString($text);
    }

    /**
     * An engine from a configuration as a PHP array (the same shape as the TOML).
     *
     * @param array<string, mixed> $config
     * @throws RecourseException `config.*` with the path of the first problem
     */
    public static function fromArray(array $config): self
    {
        return self::fromString(self::encode($config === [] ? new \stdClass() : $config));
    }

    /**
     * Runs an operation and returns its answer (the response's fields and `receipt`).
     *
     * @param array<mixed>|string $input the request as an array, or as JSON text
     * @return array<string, mixed>
     * @throws RecourseException with the stable code and path of the problem
     */
    public function call(string $operation, array|string $input): array
    {
        $json = $this->callJson($operation, is_string($input) ? $input : self::encodeRequest($input));
        return self::decode($json);
    }

    /**
     * Runs an operation on JSON text and returns the answer's canonical JSON bytes: the
     * same bytes every Recourse host gives for the same request.
     *
     * @throws RecourseException with the stable code and path of the problem
     */
    public function callJson(string $operation, string $json): string
    {
        $ffi = $this->ffi;
        $out = $ffi->new('recourse_buffer*');
        $error = $ffi->new('recourse_error*');
        $status = $ffi->recourse_engine_call(
            $this->handle(),
            $operation,
            strlen($operation),
            $json,
            strlen($json),
            \FFI::addr($out),
            \FFI::addr($error),
        );
        return self::take($ffi, $status, $out, $error);
    }

    /**
     * Runs one operation on many requests in one crossing into the library. Returns, in the
     * same order, `['output' => answer]` or `['error' => ['code', 'path', 'message']]` for
     * each request: one bad request does not stop the others.
     *
     * @param list<array<mixed>|string> $inputs each request as an array or as JSON text
     * @return list<array{output?: array<string, mixed>, error?: array{code: string, path: string, message: string}}>
     * @throws RecourseException when the batch as a whole cannot be read
     */
    public function batch(string $operation, array $inputs): array
    {
        $parts = [];
        foreach ($inputs as $input) {
            $parts[] = is_string($input) ? $input : self::encodeRequest($input);
        }
        /** @var list<array{output?: array<string, mixed>, error?: array{code: string, path: string, message: string}}> */
        return self::decode($this->batchJson($operation, '[' . implode(',', $parts) . ']'));
    }

    /**
     * {@see Engine::batch()} on a JSON array of requests, answering JSON text.
     *
     * @throws RecourseException when the batch as a whole cannot be read
     */
    public function batchJson(string $operation, string $json): string
    {
        $ffi = $this->ffi;
        $out = $ffi->new('recourse_buffer*');
        $error = $ffi->new('recourse_error*');
        $status = $ffi->recourse_engine_call_batch(
            $this->handle(),
            $operation,
            strlen($operation),
            $json,
            strlen($json),
            \FFI::addr($out),
            \FFI::addr($error),
        );
        return self::take($ffi, $status, $out, $error);
    }

    /**
     * `money.allocate`: splits `$amount` across `$ratios` so the parts sum exactly, the
     * leftover minor units going to the largest remainders (ties to the earlier part).
     *
     * @param string                 $amount   a decimal string, such as `"100.00"`
     * @param string                 $currency an ISO 4217 code, such as `"BRL"`
     * @param list<int|string>       $ratios   one weight per part (integers or decimal strings)
     * @param list<string|null>|null $caps     optional most per part, as amounts in `$currency`
     * @return list<string> the parts' amounts, in the order of the ratios
     * @throws RecourseException such as `input.amount_too_precise` or `money.caps_infeasible`
     */
    public function allocate(string $amount, string $currency, array $ratios, ?array $caps = null): array
    {
        $request = ['total' => ['amount' => $amount, 'currency' => $currency], 'ratios' => $ratios];
        if ($caps !== null) {
            $request['caps'] = array_map(
                static fn (?string $cap) => $cap === null ? null : ['amount' => $cap, 'currency' => $currency],
                $caps,
            );
        }
        $answer = $this->call('money.allocate', $request);
        /** @var list<array{amount: string, currency: string}> $parts */
        $parts = $answer['parts'];
        return array_map(static fn (array $part): string => $part['amount'], $parts);
    }

    /**
     * `refund.evaluate`: whether and how much to refund on a case (the order, its payments,
     * the refund ledger, the request and `now`), with reasons in the customer's language.
     *
     * @param array<string, mixed> $case the request, as `recourse schema refund.evaluate` describes
     * @return array<string, mixed> the decision: `outcome`, `total`, `remedy`, `payments`,
     *                              `reasons`, `breakdown`, ... and `receipt`
     * @throws RecourseException such as `input.invalid_time`, `input.out_of_range` or `refund.*`
     */
    public function evaluateRefund(array $case): array
    {
        return $this->call('refund.evaluate', $case);
    }

    /**
     * `privacy.redact`: `$text` with card numbers, security codes, CPF/CNPJ, IBANs, e-mail
     * addresses and phone numbers masked, fit to store in a ticket.
     *
     * @throws RecourseException when the text is over the engine's limits
     */
    public function redact(string $text): string
    {
        $answer = $this->call('privacy.redact', ['text' => $text]);
        /** @var string */
        return $answer['text'];
    }

    /** The engine's fingerprint (`sha256:...`), the one its receipts quote. */
    public function fingerprint(): string
    {
        /** @var string */
        return $this->ffi->recourse_engine_fingerprint($this->handle());
    }

    /**
     * Every operation the library answers, in registry order.
     *
     * @return list<array{name: string, summary: string}>
     */
    public static function operations(): array
    {
        $ffi = Library::ffi();
        $out = $ffi->new('recourse_buffer*');
        $error = $ffi->new('recourse_error*');
        $status = $ffi->recourse_operations_list(\FFI::addr($out), \FFI::addr($error));
        /** @var list<array{name: string, summary: string}> */
        return self::decode(self::take($ffi, $status, $out, $error));
    }

    /**
     * Every problem of a configuration (TOML or JSON text, or an array of the same shape),
     * each `['code' => ..., 'path' => ..., 'message' => ...]`; empty when it is valid. No
     * engine is built.
     *
     * @param array<string, mixed>|string $config
     * @return list<array{code: string, path: string, message: string}>
     */
    public static function check(array|string $config): array
    {
        $text = is_string($config) ? $config : self::encode($config === [] ? new \stdClass() : $config);
        $ffi = Library::ffi();
        $out = $ffi->new('recourse_buffer*');
        $error = $ffi->new('recourse_error*');
        $status = $ffi->recourse_config_check($text, strlen($text), \FFI::addr($out), \FFI::addr($error));
        /** @var list<array{code: string, path: string, message: string}> */
        return self::decode(self::take($ffi, $status, $out, $error));
    }

    /** The library's version, such as `0.1.0`. */
    public static function version(): string
    {
        /** @var string */
        return Library::ffi()->recourse_version();
    }

    /** Frees the engine now. Further calls throw `host.engine_released`. Safe to call twice. */
    public function release(): void
    {
        if ($this->handle !== null) {
            $this->ffi->recourse_engine_free(\FFI::addr($this->handle));
            $this->handle = null;
        }
    }

    public function __destruct()
    {
        $this->release();
    }

    private function handle(): \FFI\CData
    {
        if ($this->handle === null) {
            throw new LibraryException('host.engine_released', '.', 'this engine was released');
        }
        return $this->handle;
    }

    /** Returns the buffer's bytes and frees it, or throws the error (freed too). */
    private static function take(\FFI $ffi, int $status, \FFI\CData $out, \FFI\CData $error): string
    {
        self::raise($ffi, $status, $error);
        try {
            // `const char *` answers arrive as PHP strings; the buffer is NUL-terminated and
            // JSON holds no raw NUL.
            /** @var string */
            return $ffi->recourse_buffer_data($out);
        } finally {
            $ffi->recourse_buffer_free(\FFI::addr($out));
        }
    }

    private static function raise(\FFI $ffi, int $status, \FFI\CData $error): void
    {
        if ($status === 0) {
            return;
        }
        if (\FFI::isNull($error)) {
            throw new LibraryException('ffi.unknown', '.', "the library answered status {$status} without an error");
        }
        try {
            /** @var string $code */
            $code = $ffi->recourse_error_code($error);
            /** @var string $path */
            $path = $ffi->recourse_error_path($error);
            /** @var string $message */
            $message = $ffi->recourse_error_message($error);
        } finally {
            $ffi->recourse_error_free(\FFI::addr($error));
        }
        throw RecourseException::fromCode($code, $path, $message);
    }

    /**
     * A request as JSON: an empty array is the empty object `{}`.
     *
     * @param array<mixed> $request
     */
    private static function encodeRequest(array $request): string
    {
        return $request === [] ? '{}' : self::encode($request);
    }

    private static function encode(mixed $value): string
    {
        try {
            return json_encode($value, self::JSON_FLAGS);
        } catch (\JsonException $e) {
            throw new \Recourse\Exception\InputException('input.invalid', '.', 'the input cannot be written as JSON: ' . $e->getMessage(), $e);
        }
    }

    /** @return array<mixed> */
    private static function decode(string $json): array
    {
        /** @var array<mixed> */
        return json_decode($json, true, 512, JSON_BIGINT_AS_STRING | JSON_THROW_ON_ERROR);
    }
}
