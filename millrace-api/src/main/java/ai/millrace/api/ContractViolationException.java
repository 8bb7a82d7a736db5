package ai.millrace.api;

/**
 * A contract value broke one of its invariants: a required field is missing, an id does not
 * match its grammar, a marker is not legal for its stage, and so on.
 *
 * <p>Thrown by record constructors and builders in this module, so an invalid value can never
 * exist in memory. The message names the field.
 */
public class ContractViolationException extends MillraceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with {@link ErrorCode#CONTRACT_VIOLATION}.
     *
     * @param detail which field was wrong and how, never null
     */
    public ContractViolationException(String detail) {
        super(ErrorCode.CONTRACT_VIOLATION, detail);
    }

    /**
     * Creates the exception with a specific code.
     *
     * @param errorCode the code, never null
     * @param detail which field was wrong and how, never null
     */
    public ContractViolationException(ErrorCode errorCode, String detail) {
        super(errorCode, detail);
    }
}
