// The one shape of the API's mutations: a single required `input` argument, a
// payload, and the expected failures as a typed union `<Name>Result` (the
// payload or one of the error types, in the order given). Domain folders name
// the parts; the resolver receives the input and the context.
import type { InputObjectRef, ObjectRef } from '@pothos/core';
import type { AuthScopeMap } from '@pothos/plugin-scope-auth';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';

type Types = typeof builder.$inferSchemaTypes;

/** An error class the errors plugin turns into a union member. */
// biome-ignore lint/suspicious/noExplicitAny: the errors plugin's own constructor type
type ErrorClass = new (...args: any[]) => Error;

interface InputMutation<Input, Payload> {
  /** The payload type: the union's result member. */
  payload: ObjectRef<Types, Payload>;
  description: string;
  authScopes: AuthScopeMap<Types>;
  /** The union's members after the payload, in schema order, and the `<Name>Result` union's description. */
  errors: { types: readonly ErrorClass[]; union: string };
  /** The `input` argument. */
  input: { type: InputObjectRef<Types, Input>; description: string };
  complexity?: number;
  resolve: (input: Input, ctx: GraphQLContext) => Payload | Promise<Payload>;
}

/** Adds mutation `name` (its union: `<Name>Result`). */
export function inputMutation<Input, Payload>(name: string, m: InputMutation<Input, Payload>): void {
  builder.mutationField(name, (t) =>
    t.field({
      type: m.payload,
      description: m.description,
      authScopes: m.authScopes,
      errors: {
        types: [...m.errors.types],
        union: { name: `${name[0]!.toUpperCase()}${name.slice(1)}Result`, description: m.errors.union },
      },
      ...(m.complexity === undefined ? {} : { complexity: m.complexity }),
      args: { input: t.arg({ type: m.input.type, required: true, description: m.input.description }) },
      // The input's and the payload's shapes are the refs' own: Pothos' generic
      // argument and result types do not reduce for a type parameter.
      resolve: (_root, args, ctx) => m.resolve((args as unknown as { input: Input }).input, ctx) as never,
    }),
  );
}
