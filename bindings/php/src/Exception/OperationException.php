<?php

declare(strict_types=1);

namespace Recourse\Exception;

/** The operation could not answer this request (`money.*`, `calendar.*` and every other area). */
final class OperationException extends RecourseException
{
}
