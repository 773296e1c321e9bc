// The public request form's input: the same schema the form's page checks fields with.
export { registrationRequestInput } from "../../../registration/submit-request";
