<?php

declare(strict_types=1);

namespace Recourse\Tests;

/**
 * The shared conformance vectors (tests/vectors at the repository's root), with the same
 * canonical JSON the Rust runner uses: object keys sorted by bytes, compact, UTF-8 as is.
 */
final class Vectors
{
    public static function dir(): string
    {
        $dir = getenv('RECOURSE_VECTORS');
        return is_string($dir) && $dir !== '' ? $dir : dirname(__DIR__, 3) . '/tests/vectors';
    }

    /** @return array<string, array{0: \stdClass}> every vector, keyed by its file */
    public static function all(): array
    {
        $files = glob(self::dir() . '/*/*.json') ?: [];
        sort($files, SORT_STRING);
        $vectors = [];
        foreach ($files as $file) {
            $vector = json_decode((string) file_get_contents($file), false, 512, JSON_THROW_ON_ERROR);
            $vectors[basename(dirname($file)) . '/' . basename($file)] = [$vector];
        }
        return $vectors;
    }

    /** Canonical JSON: what serde_json writes for the same value in the Rust runner. */
    public static function canonical(mixed $value): string
    {
        return json_encode(self::sorted($value), \Recourse\Engine::JSON_FLAGS);
    }

    private static function sorted(mixed $value): mixed
    {
        if ($value instanceof \stdClass) {
            $fields = get_object_vars($value);
            ksort($fields, SORT_STRING);
            return (object) array_map([self::class, 'sorted'], $fields);
        }
        if (is_array($value)) {
            return array_map([self::class, 'sorted'], $value);
        }
        return $value;
    }

    /** Whether a vector pins the receipt's engine fingerprint (`"pins_fingerprint": true`). */
    public static function pinsFingerprint(\stdClass $vector): bool
    {
        return ($vector->pins_fingerprint ?? false) === true;
    }

    /**
     * An answer (JSON text) as the vectors compare it: canonical, and without the receipt's
     * `engine_fingerprint` unless the vector pins it.
     */
    public static function compared(string $answer, bool $pinned): string
    {
        $value = json_decode($answer, false, 512, JSON_THROW_ON_ERROR);
        if (!$pinned && $value instanceof \stdClass && ($value->receipt ?? null) instanceof \stdClass) {
            unset($value->receipt->engine_fingerprint);
        }
        return self::canonical($value);
    }

    /** Whether a decoded value holds a float anywhere (outputs never may). */
    public static function hasFloat(mixed $value): bool
    {
        if (is_float($value)) {
            return true;
        }
        if ($value instanceof \stdClass) {
            $value = get_object_vars($value);
        }
        if (is_array($value)) {
            foreach ($value as $item) {
                if (self::hasFloat($item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
