/**
 * Binary wire contracts (FlatBuffers) shared by the engine and the API. The archive's trade, book
 * and candle batch schemas land here with the archive issue; every file carries this version.
 */
export const ARCHIVE_SCHEMA_VERSION = 1;
