// Original file: proto/shop/diagnostics/v1/diagnostics.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CountdownRequest as _shop_diagnostics_v1_CountdownRequest, CountdownRequest__Output as _shop_diagnostics_v1_CountdownRequest__Output } from '../../../shop/diagnostics/v1/CountdownRequest';
import type { EchoReply as _shop_diagnostics_v1_EchoReply, EchoReply__Output as _shop_diagnostics_v1_EchoReply__Output } from '../../../shop/diagnostics/v1/EchoReply';
import type { EchoRequest as _shop_diagnostics_v1_EchoRequest, EchoRequest__Output as _shop_diagnostics_v1_EchoRequest__Output } from '../../../shop/diagnostics/v1/EchoRequest';
import type { RelayCountdownRequest as _shop_diagnostics_v1_RelayCountdownRequest, RelayCountdownRequest__Output as _shop_diagnostics_v1_RelayCountdownRequest__Output } from '../../../shop/diagnostics/v1/RelayCountdownRequest';
import type { RelayRequest as _shop_diagnostics_v1_RelayRequest, RelayRequest__Output as _shop_diagnostics_v1_RelayRequest__Output } from '../../../shop/diagnostics/v1/RelayRequest';
import type { Tick as _shop_diagnostics_v1_Tick, Tick__Output as _shop_diagnostics_v1_Tick__Output } from '../../../shop/diagnostics/v1/Tick';

export interface DiagnosticsClient extends grpc.Client {
  Countdown(argument: _shop_diagnostics_v1_CountdownRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shop_diagnostics_v1_Tick__Output>;
  Countdown(argument: _shop_diagnostics_v1_CountdownRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shop_diagnostics_v1_Tick__Output>;
  countdown(argument: _shop_diagnostics_v1_CountdownRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shop_diagnostics_v1_Tick__Output>;
  countdown(argument: _shop_diagnostics_v1_CountdownRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shop_diagnostics_v1_Tick__Output>;
  
  Echo(argument: _shop_diagnostics_v1_EchoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  Echo(argument: _shop_diagnostics_v1_EchoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  Echo(argument: _shop_diagnostics_v1_EchoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  Echo(argument: _shop_diagnostics_v1_EchoRequest, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  echo(argument: _shop_diagnostics_v1_EchoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  echo(argument: _shop_diagnostics_v1_EchoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  echo(argument: _shop_diagnostics_v1_EchoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  echo(argument: _shop_diagnostics_v1_EchoRequest, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  
  Relay(argument: _shop_diagnostics_v1_RelayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  Relay(argument: _shop_diagnostics_v1_RelayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  Relay(argument: _shop_diagnostics_v1_RelayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  Relay(argument: _shop_diagnostics_v1_RelayRequest, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  relay(argument: _shop_diagnostics_v1_RelayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  relay(argument: _shop_diagnostics_v1_RelayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  relay(argument: _shop_diagnostics_v1_RelayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  relay(argument: _shop_diagnostics_v1_RelayRequest, callback: grpc.requestCallback<_shop_diagnostics_v1_EchoReply__Output>): grpc.ClientUnaryCall;
  
  RelayCountdown(argument: _shop_diagnostics_v1_RelayCountdownRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shop_diagnostics_v1_Tick__Output>;
  RelayCountdown(argument: _shop_diagnostics_v1_RelayCountdownRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shop_diagnostics_v1_Tick__Output>;
  relayCountdown(argument: _shop_diagnostics_v1_RelayCountdownRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shop_diagnostics_v1_Tick__Output>;
  relayCountdown(argument: _shop_diagnostics_v1_RelayCountdownRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shop_diagnostics_v1_Tick__Output>;
  
}

export interface DiagnosticsHandlers extends grpc.UntypedServiceImplementation {
  Countdown: grpc.handleServerStreamingCall<_shop_diagnostics_v1_CountdownRequest__Output, _shop_diagnostics_v1_Tick>;
  
  Echo: grpc.handleUnaryCall<_shop_diagnostics_v1_EchoRequest__Output, _shop_diagnostics_v1_EchoReply>;
  
  Relay: grpc.handleUnaryCall<_shop_diagnostics_v1_RelayRequest__Output, _shop_diagnostics_v1_EchoReply>;
  
  RelayCountdown: grpc.handleServerStreamingCall<_shop_diagnostics_v1_RelayCountdownRequest__Output, _shop_diagnostics_v1_Tick>;
  
}

export interface DiagnosticsDefinition extends grpc.ServiceDefinition {
  Countdown: MethodDefinition<_shop_diagnostics_v1_CountdownRequest, _shop_diagnostics_v1_Tick, _shop_diagnostics_v1_CountdownRequest__Output, _shop_diagnostics_v1_Tick__Output>
  Echo: MethodDefinition<_shop_diagnostics_v1_EchoRequest, _shop_diagnostics_v1_EchoReply, _shop_diagnostics_v1_EchoRequest__Output, _shop_diagnostics_v1_EchoReply__Output>
  Relay: MethodDefinition<_shop_diagnostics_v1_RelayRequest, _shop_diagnostics_v1_EchoReply, _shop_diagnostics_v1_RelayRequest__Output, _shop_diagnostics_v1_EchoReply__Output>
  RelayCountdown: MethodDefinition<_shop_diagnostics_v1_RelayCountdownRequest, _shop_diagnostics_v1_Tick, _shop_diagnostics_v1_RelayCountdownRequest__Output, _shop_diagnostics_v1_Tick__Output>
}
