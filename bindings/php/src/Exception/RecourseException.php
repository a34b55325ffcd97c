<?php

declare(strict_types=1);

namespace Recourse\Exception;

/**
 * An error from Recourse: a stable code (the same in every binding), the JSON path of the
 * culprit and a message for developers that never repeats the input.
 *
 * Catch a subclass for an area, or this class and switch on {@see $errorCode}:
 * - {@see InputException}: `input.*`, the request could not be read or is not valid;
 * - {@see ConfigException}: `config.*`, the configuration is invalid;
 * - {@see OperationException}: every other area (`money.*`, `calendar.*`, ...), the
 *   operation could not answer this request;
 * - {@see LibraryException}: `ffi.*` and `library.*`, the C library could not be loaded or
 *   was misused.
 */
class RecourseException extends \RuntimeException
{
    /**
     * @param string $errorCode the stable code, such as `input.malformed_json`
     * @param string $path      the JSON path of the culprit (`.` for the whole input)
     */
    public function __construct(
        public readonly string $errorCode,
        public readonly string $path,
        string $message,
        ?\Throwable $previous = null,
    ) {
        parent::__construct(sprintf('%s at %s: %s', $errorCode, $path, $message), 0, $previous);
    }

    /** The exception of the class that matches the code's area. */
    public static function fromCode(string $code, string $path, string $message): self
    {
        $area = strstr($code, '.', true);
        return match ($area) {
            'input' => new InputException($code, $path, $message),
            'config' => new ConfigException($code, $path, $message),
            'ffi', 'library' => new LibraryException($code, $path, $message),
            default => new OperationException($code, $path, $message),
        };
    }
}
