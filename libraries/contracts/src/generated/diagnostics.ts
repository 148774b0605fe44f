import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CountdownRequest as _shop_diagnostics_v1_CountdownRequest, CountdownRequest__Output as _shop_diagnostics_v1_CountdownRequest__Output } from './shop/diagnostics/v1/CountdownRequest';
import type { DiagnosticsClient as _shop_diagnostics_v1_DiagnosticsClient, DiagnosticsDefinition as _shop_diagnostics_v1_DiagnosticsDefinition } from './shop/diagnostics/v1/Diagnostics';
import type { EchoReply as _shop_diagnostics_v1_EchoReply, EchoReply__Output as _shop_diagnostics_v1_EchoReply__Output } from './shop/diagnostics/v1/EchoReply';
import type { EchoRequest as _shop_diagnostics_v1_EchoRequest, EchoRequest__Output as _shop_diagnostics_v1_EchoRequest__Output } from './shop/diagnostics/v1/EchoRequest';
import type { RelayCountdownRequest as _shop_diagnostics_v1_RelayCountdownRequest, RelayCountdownRequest__Output as _shop_diagnostics_v1_RelayCountdownRequest__Output } from './shop/diagnostics/v1/RelayCountdownRequest';
import type { RelayRequest as _shop_diagnostics_v1_RelayRequest, RelayRequest__Output as _shop_diagnostics_v1_RelayRequest__Output } from './shop/diagnostics/v1/RelayRequest';
import type { Tick as _shop_diagnostics_v1_Tick, Tick__Output as _shop_diagnostics_v1_Tick__Output } from './shop/diagnostics/v1/Tick';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  shop: {
    diagnostics: {
      v1: {
        CountdownRequest: MessageTypeDefinition<_shop_diagnostics_v1_CountdownRequest, _shop_diagnostics_v1_CountdownRequest__Output>
        Diagnostics: SubtypeConstructor<typeof grpc.Client, _shop_diagnostics_v1_DiagnosticsClient> & { service: _shop_diagnostics_v1_DiagnosticsDefinition }
        EchoReply: MessageTypeDefinition<_shop_diagnostics_v1_EchoReply, _shop_diagnostics_v1_EchoReply__Output>
        EchoRequest: MessageTypeDefinition<_shop_diagnostics_v1_EchoRequest, _shop_diagnostics_v1_EchoRequest__Output>
        RelayCountdownRequest: MessageTypeDefinition<_shop_diagnostics_v1_RelayCountdownRequest, _shop_diagnostics_v1_RelayCountdownRequest__Output>
        RelayRequest: MessageTypeDefinition<_shop_diagnostics_v1_RelayRequest, _shop_diagnostics_v1_RelayRequest__Output>
        Tick: MessageTypeDefinition<_shop_diagnostics_v1_Tick, _shop_diagnostics_v1_Tick__Output>
      }
    }
  }
}

