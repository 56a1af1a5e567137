/** Exchange trading shared with the API: accounts and their sealed credentials, risk limits, the kill switch. */
export {
  createExchangeAccount,
  EXCHANGE_NETWORKS,
  ExchangeAccountError,
  type ExchangeAccountInfo,
  listExchangeAccounts,
  NewExchangeAccount,
  revokeExchangeAccount,
} from './exchange-accounts.js';
export { type KillSwitchResult, pullKillSwitch } from './kill-switch.js';
export { defaultRiskLimits, type RiskLimits, RiskLimitsInput, readRiskLimits } from './risk-limits.js';
export { SECRETS_KEY_HINT, SecretBox, SecretBoxError } from './secret-box.js';
