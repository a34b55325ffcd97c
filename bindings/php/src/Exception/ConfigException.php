<?php

declare(strict_types=1);

namespace Recourse\Exception;

/** The configuration is invalid (`config.*` codes). */
final class ConfigException extends RecourseException
{
}
